package se.vardnav.connector.mailbox;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.vardnav.connector.mailbox.kivra.KivraOperator;
import se.vardnav.document.LetterDocuments;
import se.vardnav.sim.mailbox.KivraContent;
import se.vardnav.sim.mailbox.KivraSimulator;
import se.vardnav.support.TestPersons;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The Kivra REST operator against the Kivra simulator over real sockets. */
class KivraConnectorTest {
    static final String KIVRA = "165568402266";
    static final Duration SHORT = Duration.ofMillis(500);

    private static KivraSimulator sim;
    private static LetterDocuments documents;
    private KivraOperator kivra;

    @BeforeAll
    static void start(@TempDir Path dir) {
        sim = new KivraSimulator(0, "tenant-1", "vardnav", "secret").start();
        documents = new LetterDocuments(dir, se.vardnav.privacy.TestKeys.cipher());
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @BeforeEach
    void client() {
        sim.clear();
        kivra = operator(Duration.ofSeconds(15));
    }

    private KivraOperator operator(Duration timeout) {
        return new KivraOperator(KIVRA, "Kivra", new KivraOperator.Settings(sim.baseUrl(), "tenant-1", "vardnav", "secret",
                KivraSimulator.TOKEN_PATH, "https://region.example/besok", Duration.ofSeconds(2), timeout, null), documents, Clock.systemUTC());
    }

    @org.junit.jupiter.api.AfterEach
    void everyRequestHeldToKivrasPublishedOpenApi() {
        assertThat(sim.violations()).isEmpty();
    }

    @Test
    void contentWithPdfAndBookingIsDeliveredOnceWhenSentTwice() throws Exception {
        String ssn = TestPersons.next();
        sim.addUser(ssn);
        byte[] pdf = "%PDF-1.4 kallelse".getBytes(StandardCharsets.US_ASCII);
        MailboxLetter letter = letter("K-1", ssn, pdf, new MailboxLetter.Booking("Besök hos sjuksköterska",
                Instant.parse("2026-12-01T09:00:00Z"), Instant.parse("2026-12-01T09:30:00Z"), "Vårdcentralen Norr", "Ta med legitimation"));

        MailboxReceipt first = kivra.deliver(letter);
        MailboxReceipt second = kivra.deliver(letter);

        assertThat(second.transactionId()).isEqualTo(first.transactionId());
        assertThat(first.operatorId()).isEqualTo(KIVRA);
        assertThat(sim.contents()).singleElement().satisfies(c -> {
            assertThat(c.objectKey()).isEqualTo(first.transactionId());
            assertThat(c.ssn()).isEqualTo(ssn);
            assertThat(c.subject()).isEqualTo("Kallelse");
            assertThat(c.type()).as("Kivra's content type for an appointment").isEqualTo("booking");
            assertThat(c.generatedAt()).isEqualTo("2026-11-20");
            assertThat(c.parts()).extracting(KivraContent.Part::name).containsExactly("meddelande.txt", "kallelse.pdf");
            assertThat(c.parts().get(1).md5()).isEqualTo(md5(pdf));
            assertThat(c.parts().get(1).contentType()).isEqualTo("application/pdf");
            assertThat(c.booking().title()).isEqualTo("Besök hos sjuksköterska");
            assertThat(c.booking().startTime()).isEqualTo("2026-12-01T09:00:00Z");
            assertThat(c.booking().location()).isEqualTo("Vårdcentralen Norr");
            assertThat(c.booking().infoUrl()).isEqualTo("https://region.example/besok");
        });
        assertThat(sim.tokensIssued()).as("token cached").isEqualTo(1);
    }

    @Test
    void aLetterWithoutAnAppointmentIsAPlainLetter() {
        String ssn = TestPersons.next();
        sim.addUser(ssn);
        kivra.deliver(letter("K-plain", ssn, new byte[]{1}, null));
        assertThat(sim.contents()).singleElement().satisfies(c -> {
            assertThat(c.type()).isEqualTo("letter");
            assertThat(c.booking()).isNull();
        });
    }

    @Test
    void aContentOverKivrasOneMegabyteIsRefusedBeforeAnythingIsSent() {
        String ssn = TestPersons.next();
        sim.addUser(ssn);
        byte[] pdf = new byte[760_000]; // base64: 1,013,336 bytes before the rest of the JSON
        assertThatThrownBy(() -> kivra.deliver(letter("K-big", ssn, pdf, null)))
                .isInstanceOf(MailboxRefusedException.class).hasMessageContaining("1 MB").message().doesNotContain(ssn);
        assertThat(sim.contentRequests()).isZero();
        assertThat(sim.contents()).isEmpty();
        // just under the limit goes through
        kivra.deliver(letter("K-fits", ssn, new byte[700_000], null));
        assertThat(sim.contents()).hasSize(1);
    }

    @Test
    void unmatchedUserIsRefusedWithoutThePersonnummer() {
        String ssn = TestPersons.next();
        assertThatThrownBy(() -> kivra.deliver(letter("K-2", ssn, new byte[]{1}, null)))
                .isInstanceOf(MailboxRefusedException.class).message().doesNotContain(ssn);
        assertThat(sim.contents()).isEmpty();
    }

    @Test
    void downFailingOrSlowIsUnavailableAndARetryDelivers() {
        String ssn = TestPersons.next();
        sim.addUser(ssn);
        MailboxLetter letter = letter("K-3", ssn, new byte[]{2}, null);

        sim.goDown();
        assertThatThrownBy(() -> kivra.deliver(letter)).isInstanceOf(MailboxUnavailableException.class)
                .message().doesNotContain(ssn);
        sim.comeUp();

        sim.failNext(1);
        assertThatThrownBy(() -> kivra.deliver(letter)).isInstanceOf(MailboxUnavailableException.class)
                .message().doesNotContain(ssn);

        sim.setDelay(SHORT.multipliedBy(3));
        assertThatThrownBy(() -> operator(SHORT).deliver(letter)).isInstanceOf(MailboxUnavailableException.class);
        sim.setDelay(Duration.ZERO);

        kivra.deliver(letter);
        assertThat(sim.contents()).hasSize(1);
        // the slow call's token is issued after the client gave up: wait for it, so it does not count in the next test
        await().until(() -> sim.tokensIssued() == 2);
    }

    @Test
    void aRevokedTokenIsRenewedOnce() {
        String ssn = TestPersons.next();
        sim.addUser(ssn);
        kivra.deliver(letter("K-4", ssn, new byte[]{3}, null));
        sim.revokeTokens();
        kivra.deliver(letter("K-5", ssn, new byte[]{4}, null));
        assertThat(sim.contents()).hasSize(2);
        assertThat(sim.tokensIssued()).isEqualTo(2);
    }

    @Test
    void wrongClientCredentialsAreRefusedWithoutTheSecretAndNothingIsSent() {
        String ssn = TestPersons.next();
        sim.addUser(ssn);
        KivraOperator wrong = new KivraOperator(KIVRA, "Kivra", new KivraOperator.Settings(sim.baseUrl(), "tenant-1", "vardnav",
                "rotated-secret", KivraSimulator.TOKEN_PATH, null, Duration.ofSeconds(2), Duration.ofSeconds(5), null), documents, Clock.systemUTC());
        assertThatThrownBy(() -> wrong.deliver(letter("K-6", ssn, new byte[]{5}, null)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("refused the client credentials: HTTP 401")
                .message().doesNotContain("rotated-secret");
        assertThat(sim.tokensIssued()).isZero();
        assertThat(sim.contents()).isEmpty();
    }

    static MailboxLetter letter(String id, String ssn, byte[] pdf, MailboxLetter.Booking booking) {
        LetterDocuments.Stored stored = documents.put(pdf);
        return new MailboxLetter(id, ssn, "Kallelse", "Välkommen till oss.",
                List.of(new MailboxLetter.Document("kallelse.pdf", "application/pdf", stored.ref(), stored.size(), stored.md5())),
                booking, null, Instant.parse("2026-11-20T10:00:00Z"));
    }

    static String md5(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
    }
}
