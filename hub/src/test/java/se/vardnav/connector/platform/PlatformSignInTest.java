package se.vardnav.connector.platform;

import org.hl7.fhir.r4.model.Appointment;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import se.vardnav.fhir.Fhir;
import se.vardnav.sim.platform.PlatformSimulator;
import se.vardnav.support.SettableClock;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The platform client signs in by OAuth 2.0 client credentials against the platform simulator's token endpoint, over
 * real HTTP: the simulator answers 401 to any FHIR request without a token it issued and still holds valid.
 */
class PlatformSignInTest {
    private static final String ID = PlatformSimulator.DEMO_CLIENT_ID;
    private static final String SECRET = "a-secret-of-this-test";
    private static PlatformSimulator sim;
    private final SettableClock clock = new SettableClock();

    @BeforeAll
    static void start() {
        sim = new PlatformSimulator(0).requireTokens(ID, SECRET).start();
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @BeforeEach
    void clean() {
        sim.reset();
        sim.setTokenLifetime(Duration.ofMinutes(5));
    }

    private PlatformClient client(String secret) {
        return client(sim.tokenUrl(), secret);
    }

    private PlatformClient client(String tokenUri, String secret) {
        PlatformTokens tokens = PlatformTokens.of(new PlatformProperties.Auth(tokenUri, ID, secret, null, Duration.ofSeconds(60)),
                Duration.ofSeconds(2), Duration.ofSeconds(5), clock);
        return new PlatformClient(sim.baseUrl(), Duration.ofSeconds(5), Duration.ofSeconds(2), Duration.ofSeconds(1), tokens);
    }

    private static Appointment booking() {
        Appointment a = new Appointment().setStatus(Appointment.AppointmentStatus.BOOKED);
        a.addIdentifier().setSystem(Fhir.JOURNAL_BOOKING_ID).setValue("B-" + UUID.randomUUID());
        return a;
    }

    @Test
    void withoutATokenThePlatformAnswers401() {
        try (PlatformClient anonymous = new PlatformClient(sim.baseUrl())) {
            assertThatThrownBy(() -> anonymous.upsertAppointment(booking())).isInstanceOf(PlatformRejectedException.class)
                    .extracting(e -> ((PlatformRejectedException) e).statusCode()).isEqualTo(401);
        }
        assertThat(sim.writeCount()).isZero();
    }

    @Test
    void oneTokenServesManyCallsUntilShortlyBeforeItExpires() {
        int before = sim.tokensIssued();
        try (PlatformClient client = client(SECRET)) {
            for (int i = 0; i < 5; i++) {
                client.upsertAppointment(booking());
            }
            client.findAccount(Fhir.PERSONNUMMER, "191212121212");
            client.putBinary("signin-1", "application/pdf", 3, null, out -> out.write("pdf".getBytes(StandardCharsets.US_ASCII)));
            assertThat(sim.tokensIssued() - before).isEqualTo(1);

            clock.setNow(Instant.now().plus(Duration.ofMinutes(3))); // expires in 2 minutes: still more than refresh-before
            client.upsertAppointment(booking());
            assertThat(sim.tokensIssued() - before).isEqualTo(1);

            clock.setNow(Instant.now().plus(Duration.ofMinutes(4).plusSeconds(30))); // within refresh-before of expiry
            client.upsertAppointment(booking());
            assertThat(sim.tokensIssued() - before).isEqualTo(2);
            // (the new token's expiry is reckoned from the real time of its answer, so the clock goes back with it)
            clock.reset();
            client.upsertAppointment(booking());
            assertThat(sim.tokensIssued() - before).isEqualTo(2);
        }
        assertThat(sim.writeCount()).isEqualTo(8);
        assertThat(sim.callsRefused()).isZero();
    }

    @Test
    void aRevokedTokenIsRenewedOnceAndTheCallSucceeds() {
        try (PlatformClient client = client(SECRET)) {
            client.upsertAppointment(booking());
            int issued = sim.tokensIssued();
            int refused = sim.callsRefused();

            sim.revokeTokens();
            Appointment next = booking();
            assertThat(client.upsertAppointment(next).created()).isTrue();
            assertThat(sim.tokensIssued() - issued).isEqualTo(1);
            assertThat(sim.callsRefused() - refused).isEqualTo(1);

            sim.expireTokens(); // expired at the platform, still valid by the hub's reckoning
            assertThat(client.putBinary("signin-2", "application/pdf", 3, null, out -> out.write("pdf".getBytes(StandardCharsets.US_ASCII)))).isTrue();
            assertThat(sim.tokensIssued() - issued).isEqualTo(2);
            assertThat(sim.callsRefused() - refused).isEqualTo(2);
        }
        assertThat(sim.writeCount()).isEqualTo(2);
        assertThat(sim.findBinary("signin-2")).isPresent();
    }

    @Test
    void aWrongClientSecretIsAClearFailureOfSigningInNotOfTheMessage() {
        int refused = sim.tokenRequestsRefused();
        try (PlatformClient client = client("not-the-secret")) {
            assertThatThrownBy(() -> client.upsertAppointment(booking()))
                    .isInstanceOf(PlatformAuthenticationException.class)
                    .isInstanceOf(PlatformTransientException.class) // retried, never dead-lettered as the message's fault
                    .hasMessageContaining("refused the hub's client credentials (invalid_client, HTTP 401)")
                    .hasMessageContaining("vardnav.platform.auth.client-secret")
                    .hasMessageNotContaining("not-the-secret");
        }
        assertThat(sim.tokenRequestsRefused() - refused).isEqualTo(1);
        assertThat(sim.writeCount()).isZero();
    }

    @Test
    void aPlatformThatRefusesEvenAFreshTokenIsAFailureOfSigningIn() {
        sim.setTokenLifetime(Duration.ZERO); // every token it issues is already expired
        try (PlatformClient client = client(SECRET)) {
            assertThatThrownBy(() -> client.upsertAppointment(booking()))
                    .isInstanceOf(PlatformAuthenticationException.class)
                    .hasMessageContaining("right after it was renewed");
        }
        assertThat(sim.writeCount()).isZero();
    }

    @Test
    void anUnreachableTokenEndpointIsAnUnavailablePlatform() throws Exception {
        int closed;
        try (var socket = new java.net.ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        try (PlatformClient client = client("http://127.0.0.1:" + closed + "/oauth/token", SECRET)) {
            assertThatThrownBy(() -> client.upsertAppointment(booking()))
                    .isExactlyInstanceOf(PlatformTransientException.class)
                    .hasMessageContaining("no answer from the platform's token endpoint");
        }
    }
}
