package se.vardnav.notification.email;

/** The mail server could not be reached or asked to try later: the e-mail waits and is retried. No address in the message. */
public class EmailTransientException extends RuntimeException {
    public EmailTransientException(String message) {
        super(message);
    }
}
