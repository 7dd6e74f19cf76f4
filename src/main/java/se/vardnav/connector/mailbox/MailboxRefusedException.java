package se.vardnav.connector.mailbox;

/** The operator refused the recipient or the letter for good; the message says why, without personal data. */
public class MailboxRefusedException extends RuntimeException {
    public MailboxRefusedException(String message) {
        super(message);
    }
}
