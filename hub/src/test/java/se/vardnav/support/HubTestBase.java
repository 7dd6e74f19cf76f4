package se.vardnav.support;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import se.vardnav.sim.journal.JournalSimulator;
import se.vardnav.sim.platform.PlatformSimulator;
import se.vardnav.sim.register.RegisterSimulator;
import se.vardnav.sim.sms.HttpSmsGatewaySimulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/**
 * The whole hub over real sockets: its embedded Artemis on a TCP port, MLLP in, FHIR REST out to
 * the platform simulator, SOAP to the register simulator. All test classes share one context, so
 * each test uses booking ids of its own. HTTP calls to the hub go through {@link HubHttp} or {@link TestFhirClients},
 * which sign in with the test issuer's token holding every role ({@link TestTokens}); the platform simulator calls
 * with a platform token.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@AutoConfigureObservability(tracing = false)
@Import(HubTestBase.TestClock.class)
public abstract class HubTestBase {
    private static final java.util.Set<Integer> HANDED_OUT = new java.util.HashSet<>();
    /** Requires the hub's bearer token from its own token endpoint, as a real platform does. */
    public static final PlatformSimulator platform = new PlatformSimulator(0).requireTokens().start()
            .authorizeWith(() -> TestTokens.withRoles("platform", se.vardnav.security.HubRole.PLATFORM));
    public static final RegisterSimulator register = new RegisterSimulator(0).start();
    public static final HttpSmsGatewaySimulator smsGateway = new HttpSmsGatewaySimulator(0).start();
    /** The journal system's side that receives visits (ADT/MDM over MLLP). */
    public static final se.vardnav.sim.journal.JournalReceiver journalReceiver = new se.vardnav.sim.journal.JournalReceiver(0).start();
    /** The journal system's schedule (RIV-TA GetSubjectOfCareSchedule) for "Uppdatera nu". */
    public static final se.vardnav.sim.journal.ScheduleSimulator schedule = new se.vardnav.sim.journal.ScheduleSimulator(0).start();
    static {
        // the journal's MLLP listener answers "Uppdatera nu" over HL7 (SQM^S25) from the same schedule as RIV-TA
        journalReceiver.answerQueriesFrom(schedule.hl7());
    }
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);

    @TestConfiguration(proxyBeanMethods = false)
    static class TestClock {
        @Bean
        @Primary
        SettableClock settableClock() {
            return new SettableClock();
        }
    }

    @Autowired
    protected SettableClock clock;
    @LocalServerPort
    protected int httpPort;
    @Value("${vardnav.journal.mllp.port}")
    protected int mllpPort;
    @Autowired
    protected JdbcTemplate jdbc;
    protected JournalSimulator journal;

    @DynamicPropertySource
    static void hubProperties(DynamicPropertyRegistry r) throws IOException {
        // ports per context: test classes with other settings get a context of their own beside this one
        register(r, freePort(), freePort(), true);
    }

    /** The hub's settings for a test context: its broker port (embedded or not), its MLLP port, the simulators. */
    public static void register(DynamicPropertyRegistry r, int brokerPort, int mllpPort, boolean embeddedBroker) throws IOException {
        Path data = Files.createTempDirectory("vardnav-test");
        r.add("vardnav.data-dir", data::toString);
        r.add("vardnav.broker.embedded", () -> embeddedBroker);
        r.add("vardnav.broker.acceptor", () -> "tcp://127.0.0.1:" + brokerPort);
        r.add("vardnav.broker.url", () -> "tcp://127.0.0.1:" + brokerPort);
        r.add("vardnav.journal.mllp.port", () -> mllpPort);
        int httpPort = freePort();
        r.add("server.port", () -> httpPort);
        r.add("vardnav.sms.base-url", smsGateway::baseUrl);
        r.add("vardnav.sms.user", () -> HttpSmsGatewaySimulator.DEFAULT_USER);
        r.add("vardnav.sms.password", () -> HttpSmsGatewaySimulator.DEFAULT_PASSWORD);
        r.add("vardnav.platform.base-url", platform::baseUrl);
        r.add("vardnav.platform.socket-timeout", () -> "2s");
        r.add("vardnav.platform.auth.token-uri", platform::tokenUrl);
        r.add("vardnav.platform.auth.client-id", () -> PlatformSimulator.DEMO_CLIENT_ID);
        r.add("vardnav.platform.auth.client-secret", () -> PlatformSimulator.DEMO_CLIENT_SECRET);
        r.add("vardnav.register.url", register::endpointUrl);
        r.add("vardnav.register.cache-ttl", () -> "0s");
        r.add("vardnav.register.receive-timeout", () -> "2s");
        r.add("vardnav.visit.journal.port", journalReceiver::port);
        r.add("vardnav.visit.journal.ack-timeout", () -> "1000");
        r.add("vardnav.resync.schedule-url", schedule::endpointUrl);
        // the unit of StaffSignalIT has a functional SMS number
        r.add("vardnav.visit.unit-contacts[0].unit", () -> "SE2321000016-SIG1");
        r.add("vardnav.visit.unit-contacts[0].sms", () -> "+46701112233");
        r.add("vardnav.retry.initial-delay", () -> "100");
        r.add("vardnav.retry.max-delay", () -> "1000");
        if (postgres()) {
            // a schema per run keeps runs apart on the shared server
            String schema = "vardnav_test_" + RUN;
            r.add("spring.datasource.url", () -> "jdbc:postgresql://127.0.0.1:5432/test?currentSchema=" + schema);
            r.add("spring.flyway.schemas", () -> schema);
            r.add("spring.flyway.create-schemas", () -> "true");
            // Spring keeps every test context alive for the run: an idle one holds 2 connections, not 10, so a
            // run's dozen contexts stay under the server's max_connections (100) beside other clients
            r.add("spring.datasource.hikari.minimum-idle", () -> "2");
            r.add("spring.datasource.hikari.idle-timeout", () -> "10000");
        } else {
            r.add("spring.datasource.url", () -> "jdbc:h2:mem:vardnav-" + RUN + ";DB_CLOSE_DELAY=-1");
        }
    }

    static boolean postgres() {
        return String.valueOf(System.getProperty("spring.profiles.active")).contains("postgres");
    }

    @BeforeEach
    void connectJournal() {
        platform.reset();
        register.clear();
        smsGateway.reset();
        journalReceiver.clear();
        journal = new JournalSimulator("127.0.0.1", mllpPort);
    }

    @AfterEach
    void closeJournal() {
        journal.close();
        platform.comeUp();
        register.comeUp();
        clock.reset();
        smsGateway.comeUp();
        journalReceiver.comeUp();
        schedule.comeUp();
    }

    private static final java.net.http.HttpClient HUB_HTTP = se.vardnav.support.HubHttp.client();

    /** The visit platform posts a chat message to the hub ({@code POST /fhir/Communication}); returns the HTTP status. */
    protected int postChat(org.hl7.fhir.r4.model.Communication message) throws Exception {
        return HUB_HTTP.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + httpPort + "/fhir/Communication"))
                        .header("Content-Type", "application/fhir+json")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(ca.uhn.fhir.context.FhirContext.forR4Cached().newJsonParser()
                                .encodeResourceToString(message))).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    /**
     * The visit platform sends a FHIR resource to the hub: {@code method} POST or PUT to {@code /fhir/<path>};
     * returns the status and the body (an OperationOutcome on refusal).
     */
    protected java.net.http.HttpResponse<String> sendFhir(String method, String path, org.hl7.fhir.instance.model.api.IBaseResource resource) throws Exception {
        return HUB_HTTP.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + httpPort + "/fhir/" + path))
                        .header("Content-Type", "application/fhir+json")
                        .method(method, java.net.http.HttpRequest.BodyPublishers.ofString(ca.uhn.fhir.context.FhirContext.forR4Cached().newJsonParser()
                                .encodeResourceToString(resource))).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
    }

    protected static String newBookingId() {
        return "B-" + UUID.randomUUID();
    }

    protected String send(String er7) {
        try {
            return journal.send(er7);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A free port never handed out before in this JVM: contexts bind theirs late, after all are chosen. */
    public static synchronized int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            if (!HANDED_OUT.add(s.getLocalPort())) {
                return freePort();
            }
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
