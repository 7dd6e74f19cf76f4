package se.vardnav.booking;

import ca.uhn.hl7v2.ErrorCode;

/**
 * A SIU message that cannot become a booking. The reason names the field ("SCH-1: …") and is meant for the
 * journal system's operator in the ACK; it never contains personal data.
 */
public class InvalidBookingException extends Exception {
    private final ErrorCode errorCode;

    public InvalidBookingException(String reason) {
        this(reason, ErrorCode.APPLICATION_INTERNAL_ERROR);
    }

    public InvalidBookingException(String reason, ErrorCode errorCode) {
        super(reason);
        this.errorCode = errorCode;
    }

    public String reason() {
        return getMessage();
    }

    /** HL7 table 0357 code for ERR-3. */
    public ErrorCode errorCode() {
        return errorCode;
    }
}
