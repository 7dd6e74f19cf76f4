package se.vardnav.notification.email;

import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;

/**
 * Sorts what the SMTP client threw into "try again later" and "never": a server that is down, slow or
 * answers 4xx is transient; a 5xx refusal of the recipient or the message is permanent. The exception
 * returned carries the business key and the SMTP code only: servers echo the address in their texts.
 */
public final class EmailFailures {
    private EmailFailures() {}

    public static RuntimeException classify(String businessKey, Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SMTPAddressFailedException a) {
                return byCode(businessKey, a.getReturnCode(), "the mail server refused the address");
            }
            if (t instanceof SMTPSendFailedException s) {
                return byCode(businessKey, s.getReturnCode(), "the mail server refused the message");
            }
            if (t instanceof SendFailedException s && s.getInvalidAddresses() != null && s.getInvalidAddresses().length > 0) {
                return new UnsendableEmailException("e-mail " + businessKey + " not sent: the address is invalid");
            }
        }
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof MessagingException || t instanceof java.io.IOException) {
                return new EmailTransientException("e-mail " + businessKey + " not sent yet: mail server unavailable ("
                        + t.getClass().getSimpleName() + ")");
            }
        }
        return new UnsendableEmailException("e-mail " + businessKey + " not sent: " + failure.getClass().getSimpleName());
    }

    private static RuntimeException byCode(String businessKey, int code, String what) {
        if (code >= 400 && code < 500) {
            return new EmailTransientException("e-mail " + businessKey + " not sent yet: SMTP " + code);
        }
        return new UnsendableEmailException("e-mail " + businessKey + " not sent: " + what + " (SMTP " + code + ")");
    }
}
