package se.vardnav.connector.mailbox;

/** The mailbox service or operator could not be reached or failed transiently: retry later. */
public class MailboxUnavailableException extends RuntimeException {
    public MailboxUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    public MailboxUnavailableException(String message) {
        super(message);
    }
}
