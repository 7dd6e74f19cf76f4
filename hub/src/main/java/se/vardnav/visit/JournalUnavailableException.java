package se.vardnav.visit;

/** The journal system did not take the message now (AR, no ACK in time, connection refused): retried, in order. */
public class JournalUnavailableException extends Exception {
    public JournalUnavailableException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
