package se.vardnav.resync;

/** The journal system's schedule could not be asked now: the resync answers 503 and changes nothing. */
public class ScheduleUnavailableException extends RuntimeException {
    public ScheduleUnavailableException(String message) {
        super(message);
    }
}
