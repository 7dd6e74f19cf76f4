package se.vardnav.notification.email;

import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.InternetAddress;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;

import static org.assertj.core.api.Assertions.assertThat;

class EmailFailuresTest {
    private static final String KEY = "guest|1|2|invite|email";

    @Test
    void aServerThatCannotBeReachedIsTransient() {
        RuntimeException e = EmailFailures.classify(KEY, new RuntimeException(new MessagingException("Couldn't connect to host", new ConnectException("refused"))));
        assertThat(e).isInstanceOf(EmailTransientException.class).hasMessageContaining(KEY);
    }

    @Test
    void aRefusedRecipientIsPermanentAndTheReasonDoesNotNameIt() throws Exception {
        InternetAddress address = new InternetAddress("nils.nilsson@example.se");
        var refused = new SMTPAddressFailedException(address, "RCPT TO", 550, "550 5.1.1 <nils.nilsson@example.se> unknown");
        RuntimeException e = EmailFailures.classify(KEY, new MessagingException("failed", new SendFailedException("Invalid Addresses", refused)));
        assertThat(e).isInstanceOf(UnsendableEmailException.class).hasMessageContaining("550").hasMessageNotContaining("nils");
    }

    @Test
    void aTemporaryRefusalIsTransient() throws Exception {
        var busy = new SMTPAddressFailedException(new InternetAddress("a@example.se"), "RCPT TO", 451, "451 try later a@example.se");
        assertThat(EmailFailures.classify(KEY, busy)).isInstanceOf(EmailTransientException.class).hasMessageNotContaining("a@example.se");
    }

    @Test
    void invalidAddressesWithoutACodeArePermanent() throws Exception {
        var invalid = new SendFailedException("Invalid Addresses", null, null, null,
                new jakarta.mail.Address[] {new InternetAddress("x@example.se")});
        assertThat(EmailFailures.classify(KEY, invalid)).isInstanceOf(UnsendableEmailException.class).hasMessageNotContaining("x@example.se");
    }

    @Test
    void anythingElseIsPermanent() {
        assertThat(EmailFailures.classify(KEY, new IllegalArgumentException("no To header"))).isInstanceOf(UnsendableEmailException.class);
    }
}
