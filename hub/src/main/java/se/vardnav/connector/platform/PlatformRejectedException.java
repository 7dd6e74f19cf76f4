package se.vardnav.connector.platform;

/** The platform refused the content (4xx other than 408/429): retrying will not help, dead-letter it. */
public class PlatformRejectedException extends RuntimeException {
    private final int statusCode;

    public PlatformRejectedException(String message, int statusCode, Throwable cause) {
        super(message, cause);
        this.statusCode = statusCode;
    }

    public int statusCode() {
        return statusCode;
    }
}
