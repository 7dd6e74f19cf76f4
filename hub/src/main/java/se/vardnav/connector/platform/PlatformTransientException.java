package se.vardnav.connector.platform;

/** The platform could not take the call now (refused, timeout, 5xx, 408, 429): retry with backoff. */
public class PlatformTransientException extends RuntimeException {
    private final int statusCode;
    private final boolean noAnswer;

    public PlatformTransientException(String message, int statusCode, Throwable cause) {
        this(message, statusCode, false, cause);
    }

    /**
     * @param noAnswer the request reached the platform (connected, sent) and no answer came in time: unlike a
     *                 refused connection, this may be the request's own fault (too large for the time allowed)
     */
    public PlatformTransientException(String message, int statusCode, boolean noAnswer, Throwable cause) {
        super(message, cause);
        this.statusCode = statusCode;
        this.noAnswer = noAnswer;
    }

    /** HTTP status, or 0 when no response came (refused connection, timeout). */
    public int statusCode() {
        return statusCode;
    }

    /** Connected and sent, but no answer within the timeout (or the deadline of a large upload). */
    public boolean noAnswer() {
        return noAnswer;
    }
}
