package se.vardnav.connector.platform;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import se.vardnav.console.health.PeerOutcomes;
import se.vardnav.sim.journal.SiuMessages;
import se.vardnav.sim.platform.PlatformSimulator;
import se.vardnav.support.AdminClient;
import se.vardnav.support.HubTestBase;
import se.vardnav.support.TestPersons;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole hub signs in to the platform simulator by client credentials (HubTestBase's settings): bookings arrive
 * with one token between them, a revoked token is renewed once, and a client secret the platform no longer takes
 * holds the bookings on their queue (the reason on the console's platform tile) until it is right again.
 */
class PlatformSignInIT extends HubTestBase {
    private static final LocalDateTime START = LocalDateTime.of(2026, 12, 8, 10, 0);
    @Autowired
    PeerOutcomes peers;

    @AfterEach
    void thePlatformTakesTheHubsSecretAgain() {
        platform.requireTokens();
    }

    private String book() {
        String id = newBookingId();
        assertThat(send(SiuMessages.s12().bookingId(id).start(START).minutes(20).timeType("BESOK", "Mottagningsbesök")
                .patient(TestPersons.next()).staff("SE2321000016-1234", "Lind").build())).contains("MSA|AA");
        return id;
    }

    private boolean deadLettered(List<String> ids) {
        return new AdminClient(httpPort).deadLetters("DLQ.platform.appointment").stream().anyMatch(r -> ids.contains(r.get("bookingId")));
    }

    @Test
    void aRevokedTokenIsRenewedOnceAndEveryBookingArrives() {
        String first = book();
        await().until(() -> platform.findByBookingId(first).isPresent()); // the hub holds a token now
        platform.revokeTokens();
        int issued = platform.tokensIssued();
        int refused = platform.callsRefused();

        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            ids.add(book());
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> ids.stream().allMatch(id -> platform.findByBookingId(id).isPresent()));
        assertThat(platform.tokensIssued() - issued).as("one new token for all of them").isEqualTo(1);
        assertThat(platform.callsRefused() - refused).as("the revoked token was refused").isPositive();
        assertThat(deadLettered(ids)).isFalse();
    }

    @Test
    void aSecretThePlatformNoLongerTakesHoldsBookingsWithTheReasonUntilItIsRight() {
        platform.requireTokens(PlatformSimulator.DEMO_CLIENT_ID, "rotated-at-the-platform");
        platform.revokeTokens();
        int refusedClients = platform.tokenRequestsRefused();

        String id = book();
        await().atMost(Duration.ofSeconds(20)).until(() -> platform.tokenRequestsRefused() - refusedClients >= 3); // retried
        await().until(() -> String.valueOf(peers.snapshot("platform").lastError()).contains("refused the hub's client credentials (invalid_client"));
        assertThat(peers.snapshot("platform").lastError()).contains("vardnav.platform.auth.client-secret").doesNotContain("sim-secret");
        assertThat(platform.findByBookingId(id)).isEmpty();
        assertThat(deadLettered(List.of(id))).as("signing in failed, not the booking").isFalse();

        platform.requireTokens(); // the secrets agree again
        await().atMost(Duration.ofSeconds(20)).until(() -> platform.findByBookingId(id).isPresent());
        assertThat(deadLettered(List.of(id))).isFalse();
    }
}
