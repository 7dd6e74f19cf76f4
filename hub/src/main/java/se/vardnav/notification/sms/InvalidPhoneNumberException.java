package se.vardnav.notification.sms;

/**
 * A phone number that cannot be used. The reason ("too few digits", "not a mobile number", …) never contains
 * the number itself, so it can be logged and shown to operators.
 */
public class InvalidPhoneNumberException extends Exception {
    public InvalidPhoneNumberException(String reason) {
        super(reason);
    }

    public String reason() {
        return getMessage();
    }
}
