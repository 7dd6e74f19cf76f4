package se.vardnav.connector.sms;

/** The gateway could not take the message now (refused, timeout, 5xx, 408, 429): retry with backoff. */
public class SmsTransientException extends RuntimeException {
    private final int statusCode;

    public SmsTransientException(String message, int statusCode, Throwable cause) {
        super(message, cause);
        this.statusCode = statusCode;
    }

    /** HTTP status, or 0 when no response came (refused connection, timeout). */
    public int statusCode() {
        return statusCode;
    }
}
