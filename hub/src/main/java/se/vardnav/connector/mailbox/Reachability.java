package se.vardnav.connector.mailbox;

/**
 * One recipient's answer from the Recipient service, reduced to what routing needs. Reachable only
 * when the account is Secure, not pending, the sender is accepted and the operator has a service
 * address; otherwise {@code reason} says why not (for the print list and the status report).
 * The under-18 rule is the caller's: the Recipient service does not know the recipient's age.
 */
public record Reachability(boolean reachable, String operatorId, String operatorName, String serviceAddress, String reason) {

    /** Reasons, short and free of personal data. */
    public static final String NO_SECURE_MAILBOX = "no secure digital mailbox";
    public static final String SENDER_NOT_ACCEPTED = "mailbox does not accept this sender";
    public static final String PENDING = "mailbox account pending";
    public static final String NO_OPERATOR = "no mailbox operator";
    public static final String NO_SERVICE_ADDRESS = "mailbox operator has no service address";
    public static final String NOT_IN_ANSWER = "recipient missing from the answer";

    public static Reachability reachable(String operatorId, String operatorName, String serviceAddress) {
        return new Reachability(true, operatorId, operatorName, serviceAddress, null);
    }

    public static Reachability not(String reason) {
        return new Reachability(false, null, null, null, reason);
    }
}
