package se.vardnav.connector.sms;

/** The gateway refused the message (4xx other than 408/429): retrying will not help, dead-letter it. */
public class SmsRejectedException extends RuntimeException {
    private final int statusCode;
    private final String reason;

    public SmsRejectedException(String message, int statusCode, String reason) {
        super(message);
        this.statusCode = statusCode;
        this.reason = reason;
    }

    public int statusCode() {
        return statusCode;
    }

    /** The gateway's own words, truncated, with the number and the text taken out. */
    public String reason() {
        return reason;
    }
}
