package se.vardnav.notification.email;

/** Permanent: this e-mail can never be sent as it is (bad address, refused by the server). No address in the message. */
public class UnsendableEmailException extends RuntimeException {
    public UnsendableEmailException(String message) {
        super(message);
    }
}
