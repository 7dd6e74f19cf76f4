package se.vardnav.connector.platform;

/** The platform could not take the call now (refused, timeout, 5xx, 408, 429): retry with backoff. */
public class PlatformTransientException extends RuntimeException {
    private final int statusCode;

    public PlatformTransientException(String message, int statusCode, Throwable cause) {
        super(message, cause);
        this.statusCode = statusCode;
    }

    /** HTTP status, or 0 when no response came (refused connection, timeout). */
    public int statusCode() {
        return statusCode;
    }
}
