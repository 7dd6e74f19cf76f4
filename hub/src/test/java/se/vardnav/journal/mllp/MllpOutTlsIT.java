package se.vardnav.journal.mllp;

import ca.uhn.fhir.context.FhirContext;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.SearchParameter;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import se.vardnav.connector.mailbox.MailboxTls;
import se.vardnav.console.health.PeerOutcomes;
import se.vardnav.fhir.Fhir;
import se.vardnav.sim.journal.JournalReceiver;
import se.vardnav.sim.platform.VisitEncounters;
import se.vardnav.support.AdminClient;
import se.vardnav.support.HubTestBase;
import se.vardnav.support.TestKeyStores;
import se.vardnav.support.TestPersons;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The hub's MLLP connections to the journal system over TLS (plain MLLP not allowed): visits out and "Uppdatera nu" over
 * HL7 reach a journal listener that requires the hub's client certificate. A journal whose certificate the hub does not
 * trust, or that refuses the hub's, gets nothing: the visit waits on its queue (retried, not dead-lettered) with the
 * reason on the console's journal-out tile, and is delivered once the certificates are put right — a trust store
 * replaced on disk counts from the next connection, without a restart. Certificates are made at test time.
 */
class MllpOutTlsIT extends HubTestBase {
    static final String P = TestKeyStores.PASSWORD;
    static final TestKeyStores KEYS = new TestKeyStores();
    static final String HUB_CLIENT = KEYS.keyStore("hub-client", "CN=Vardnav hub,O=Vardnav test", false);
    static final String JOURNAL = KEYS.keyStore("journal-server", "CN=journal.region.test,O=Vardnav test", true);
    /** The journal's certificate after a renewal the region has not yet put into the hub's trust store. */
    static final String RENEWED = KEYS.keyStore("journal-renewed", "CN=journal.region.test,O=Vardnav test renewed", true);
    static final String STRANGER = KEYS.keyStore("stranger", "CN=Stranger", false);
    static final String JOURNAL_TRUSTS_HUB = KEYS.trustStore("journal-trust", "hub-client");
    static final String JOURNAL_TRUSTS_OTHERS = KEYS.trustStore("journal-trust-others", "stranger");
    static final String HUB_TRUSTS_JOURNAL = KEYS.trustStore("hub-trust", "journal-server");
    static final String HUB_TRUSTS_BOTH = KEYS.trustStore("hub-trust-renewed", "journal-server", "journal-renewed");
    /** The file the hub's settings name: the tests replace it as a region's operator would. */
    static final Path HUB_TRUST = copy(HUB_TRUSTS_JOURNAL, "hub-trust-live");

    static final JournalReceiver tlsJournal = JournalReceiver.overTls(0, tls(JOURNAL, JOURNAL_TRUSTS_HUB)).start()
            .answerQueriesFrom(schedule.hl7());

    private static final String UNIT = "SE2321000016-VC01";
    private static final String DOCTOR = "SE2321000016-DR11";

    @Autowired
    PeerOutcomes peers;

    @DynamicPropertySource
    static void mllpOutOverTls(DynamicPropertyRegistry r) {
        r.add("vardnav.journal.outbound.plain-allowed", () -> "false");
        r.add("vardnav.journal.outbound.tls.key-store", () -> HUB_CLIENT);
        r.add("vardnav.journal.outbound.tls.key-store-password", () -> P);
        r.add("vardnav.journal.outbound.tls.trust-store", HUB_TRUST::toString);
        r.add("vardnav.journal.outbound.tls.trust-store-password", () -> P);
        // the endpoint, as HubTestBase's own vardnav.visit.journal.port (the plain receiver) is registered after this
        r.add("vardnav.visit.journal.endpoint", () -> "journal-mllp-out:127.0.0.1:" + tlsJournal.port() + "?lazyStartProducer=true"
                + "&hl7Headers=false&validatePayload=false&charsetName=UTF-8&connectTimeout=2000&receiveTimeout=1000&readTimeout=1000");
        r.add("vardnav.resync.hl7.endpoint", () -> "journal-mllp-out:127.0.0.1:" + tlsJournal.port() + "?lazyStartProducer=true"
                + "&hl7Headers=false&validatePayload=false&charsetName=UTF-8&connectTimeout=1000&receiveTimeout=3000&readTimeout=3000");
        r.add("vardnav.resync.protocol", () -> "hl7");
    }

    @AfterEach
    void journalAsConfigured() {
        copy(HUB_TRUSTS_JOURNAL, HUB_TRUST);
        tlsJournal.useTls(tls(JOURNAL, JOURNAL_TRUSTS_HUB));
        tlsJournal.clear();
    }

    @AfterAll
    static void stop() {
        tlsJournal.close();
    }

    @Test
    void aVisitStartReachesTheJournalOverTlsAndIsAcknowledged() throws Exception {
        int refused = tlsJournal.refusedHandshakes();
        String id = "V-" + UUID.randomUUID();
        assertThat(startVisit(id).statusCode()).isIn(200, 201);
        await().until(() -> accepted(id).contains("A04"));
        assertThat(tlsJournal.refusedHandshakes()).isEqualTo(refused);
        await().until(() -> !peers.snapshot("journal-out").failing());
    }

    @Test
    void aJournalCertificateTheHubDoesNotTrustHoldsTheVisitWithTheReasonUntilTheTrustStoreHasIt() throws Exception {
        tlsJournal.useTls(tls(RENEWED, JOURNAL_TRUSTS_HUB));
        int refused = tlsJournal.refusedHandshakes();
        String id = "V-" + UUID.randomUUID();
        startVisit(id);
        await().until(() -> String.valueOf(peers.snapshot("journal-out").lastError()).contains("certificate is not trusted"));
        assertThat(peers.snapshot("journal-out").lastError()).contains("vardnav.journal.outbound.tls.trust-store");
        await().until(() -> tlsJournal.refusedHandshakes() >= refused + 2); // retried, with backoff
        assertThat(tlsJournal.received()).as("not a byte of HL7 sent").isEmpty();
        assertThat(new AdminClient(httpPort).deadLetters("DLQ.journal.visit")).as("a certificate is no bad message").isEmpty();

        copy(HUB_TRUSTS_BOTH, HUB_TRUST); // the region adds the renewed certificate: no restart
        await().until(() -> accepted(id).contains("A04"));
        await().until(() -> !peers.snapshot("journal-out").failing());
    }

    @Test
    void aJournalThatRefusesTheHubsClientCertificateGetsNothingAndTheVisitWaits() throws Exception {
        tlsJournal.useTls(tls(JOURNAL, JOURNAL_TRUSTS_OTHERS));
        int refused = tlsJournal.refusedHandshakes();
        String id = "V-" + UUID.randomUUID();
        startVisit(id);
        await().until(() -> tlsJournal.refusedHandshakes() >= refused + 2);
        await().until(() -> peers.snapshot("journal-out").failing());
        // with TLS 1.3 the journal's refusal of the client certificate reaches the hub after its own side of the
        // handshake is done, so one attempt may see only a failed write racing the alert; the retries that follow
        // (every second here) must show the operator the TLS reason
        await().until(() -> String.valueOf(peers.snapshot("journal-out").lastError()).contains("TLS"));
        assertThat(tlsJournal.received()).isEmpty();
        assertThat(new AdminClient(httpPort).deadLetters("DLQ.journal.visit")).isEmpty();

        tlsJournal.useTls(tls(JOURNAL, JOURNAL_TRUSTS_HUB));
        await().until(() -> accepted(id).contains("A04"));
    }

    @Test
    void uppdateraNuOverHl7AsksTheJournalOverTls() throws Exception {
        platform.operatorClient().create().resource(FhirContext.forR4Cached().newJsonParser().parseResource(SearchParameter.class,
                        Files.readString(Path.of("connectors/visit-platform/conformance/SearchParameter-appointment-patient-identifier.json"))))
                .execute();
        String patient = TestPersons.next();
        String booking = newBookingId();
        schedule.book(patient, booking, "SE2321000016-RSY1", "SE2321000016-1234", LocalDateTime.of(2026, 12, 14, 10, 0), 20,
                "VIDEO", "Videobesök");
        HttpResponse<String> answer = resync(patient);
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(tlsJournal.queries()).hasSize(1);
        await().until(() -> platform.findByBookingId(booking).isPresent());

        tlsJournal.useTls(tls(RENEWED, JOURNAL_TRUSTS_HUB));
        HttpResponse<String> untrusted = resync(TestPersons.next());
        assertThat(untrusted.statusCode()).isEqualTo(503);
        assertThat(untrusted.body()).contains("OperationOutcome").contains("certificate is not trusted").contains("nothing was changed");
    }

    private HttpResponse<String> startVisit(String id) throws Exception {
        Instant t = clock.instant().minusSeconds(600);
        Encounter e = VisitEncounters.visit(id, TestPersons.next(), UNIT, DOCTOR).at(t).started(t).build();
        return sendFhir("PUT", "Encounter?identifier=" + Fhir.PLATFORM_ENCOUNTER_ID + "%7C" + id, e);
    }

    private HttpResponse<String> resync(String patient) throws Exception {
        Parameters p = new Parameters();
        p.addParameter().setName("identifier").setValue(new Identifier().setSystem(Fhir.PERSONNUMMER).setValue(patient));
        p.addParameter().setName("unit").setValue(new StringType("SE2321000016-RSY1"));
        return sendFhir("POST", "Patient/$resync-bookings", p);
    }

    private static List<String> accepted(String visitId) {
        return tlsJournal.accepted().stream().filter(m -> m.contains("|" + visitId + "^")).map(JournalReceiver::trigger).toList();
    }

    private static SSLContext tls(String keyStore, String trustStore) {
        return new MailboxTls(keyStore, P, null, trustStore, P).sslContext();
    }

    private static Path copy(String from, String name) {
        return copy(from, Path.of(from).resolveSibling(name + ".p12"));
    }

    private static Path copy(String from, Path to) {
        try {
            // replaced in one step, as a mounted secret is: the hub never reads half a file
            Path next = Files.copy(Path.of(from), to.resolveSibling(to.getFileName() + ".next"), StandardCopyOption.REPLACE_EXISTING);
            return Files.move(next, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
