package se.vardnav.connector.mailbox;

/**
 * The operator refused the recipient or the letter for good; the message says why, without personal data.
 * {@link #fault()} is the applicationFault when the operator answered one.
 */
public class MailboxRefusedException extends RuntimeException {
    private final transient MailboxFault fault;

    public MailboxRefusedException(String message) {
        this(message, null);
    }

    public MailboxRefusedException(String message, MailboxFault fault) {
        super(message);
        this.fault = fault;
    }

    public MailboxFault fault() {
        return fault;
    }
}
