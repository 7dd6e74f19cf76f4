package se.vardnav.resync;

/**
 * The journal system's schedule could not be had: the resync answers with {@link #status()} and changes nothing.
 * 503 the journal could not be reached, 502 it refused the question or answered something the hub cannot use,
 * 504 it did not answer in time. The message names the protocol and the journal's reason, never the patient.
 */
public class ScheduleUnavailableException extends RuntimeException {
    public static final int UNREACHABLE = 503;
    public static final int REFUSED = 502;
    public static final int TIMED_OUT = 504;
    private final int status;

    public ScheduleUnavailableException(String message) {
        this(UNREACHABLE, message);
    }

    public ScheduleUnavailableException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
