package se.vardnav.journal.mllp;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import se.vardnav.connector.mailbox.MailboxTls;
import se.vardnav.sim.journal.JournalSimulator;
import se.vardnav.sim.journal.SiuMessages;
import se.vardnav.support.HubTestBase;
import se.vardnav.support.TestKeyStores;
import se.vardnav.support.TestPersons;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * MLLP over TLS with client certificates (plain MLLP not allowed): the journal simulator with the region's client
 * certificate gets AA and the booking reaches the platform; without a certificate, with one the hub does not trust,
 * with a trusted one not on the allow-list, or in plain MLLP, it is refused before a byte of HL7 is read — no ACK,
 * nothing taken, the refusal counted ({@code vardnav.journal.mllp.connections.refused{reason=tls}}).
 * Certificates are made at test time ({@link TestKeyStores}).
 */
class MllpTlsIT extends HubTestBase {
    static final String P = TestKeyStores.PASSWORD;
    static final TestKeyStores KEYS = new TestKeyStores();
    static final String HUB = KEYS.keyStore("hub", "CN=127.0.0.1,O=Vardnav test", true);
    static final String JOURNAL = KEYS.keyStore("journal", "CN=Journal Test,O=Vardnav test", false);
    static final String OTHER_SYSTEM = KEYS.keyStore("other", "CN=Other System,O=Vardnav test", false);
    static final String STRANGER = KEYS.keyStore("stranger", "CN=Stranger", false);
    /** The hub trusts the journal system's and another system's certificates, but admits only the journal's. */
    static final String HUB_TRUST = KEYS.trustStore("hub-trust", "journal", "other");
    static final String CLIENT_TRUST = KEYS.trustStore("client-trust", "hub");

    @Autowired
    MeterRegistry meters;
    private final List<JournalSimulator> clients = new ArrayList<>();

    @DynamicPropertySource
    static void mllpOverTls(DynamicPropertyRegistry r) {
        r.add("vardnav.journal.mllp.plain-allowed", () -> "false");
        r.add("vardnav.journal.mllp.tls.key-store", () -> HUB);
        r.add("vardnav.journal.mllp.tls.key-store-password", () -> P);
        r.add("vardnav.journal.mllp.tls.trust-store", () -> HUB_TRUST);
        r.add("vardnav.journal.mllp.tls.trust-store-password", () -> P);
        r.add("vardnav.journal.mllp.tls.allowed-subjects[0]", () -> "CN=Journal Test, O=Vardnav test");
    }

    @AfterEach
    void closeClients() {
        clients.forEach(JournalSimulator::close);
    }

    private JournalSimulator client(String keyStore) {
        SSLContext tls = new MailboxTls(keyStore, P, null, CLIENT_TRUST, P).sslContext();
        JournalSimulator j = JournalSimulator.overTls("127.0.0.1", mllpPort, tls);
        clients.add(j);
        return j;
    }

    private static String booking(String id) {
        return SiuMessages.s12().bookingId(id).start(LocalDateTime.of(2026, 12, 9, 9, 0)).minutes(20)
                .timeType("VIDEO", "Video").patient(TestPersons.next()).build();
    }

    private double refusedTls() {
        var c = meters.find("vardnav.journal.mllp.connections.refused").tag("reason", "tls").counter();
        return c == null ? 0 : c.count();
    }

    @Test
    void theJournalSystemsCertificateGetsAaAndTheBookingArrives() throws IOException {
        JournalSimulator journal = client(JOURNAL);
        String id = newBookingId();
        assertThat(journal.send(booking(id))).contains("MSA|AA");
        String second = newBookingId();
        assertThat(journal.send(booking(second))).as("the connection stays open for the next").contains("MSA|AA");
        await().until(() -> platform.findByBookingId(id).isPresent() && platform.findByBookingId(second).isPresent());
    }

    @Test
    void withoutACertificateOrWithOneTheHubDoesNotAdmitNothingIsTaken() {
        double before = refusedTls();
        JournalSimulator noCertificate = JournalSimulator.overTls("127.0.0.1", mllpPort, new MailboxTls(null, null, null, CLIENT_TRUST, P).sslContext());
        clients.add(noCertificate);
        List<String> ids = new ArrayList<>();
        for (JournalSimulator refused : List.of(noCertificate, client(STRANGER), client(OTHER_SYSTEM))) {
            String id = newBookingId();
            ids.add(id);
            assertThatThrownBy(() -> refused.send(booking(id))).isInstanceOf(IOException.class);
        }
        await().until(() -> refusedTls() - before == 3);
        assertThat(ids).allSatisfy(id -> assertThat(platform.findByBookingId(id)).isEmpty());
    }

    @Test
    void plainMllpIsRefusedWhereTlsIsRequired() {
        double before = refusedTls();
        JournalSimulator plain = new JournalSimulator("127.0.0.1", mllpPort);
        clients.add(plain);
        String id = newBookingId();
        assertThatThrownBy(() -> plain.send(booking(id))).isInstanceOf(IOException.class);
        await().until(() -> refusedTls() - before == 1);
        assertThat(platform.findByBookingId(id)).isEmpty();
    }
}
