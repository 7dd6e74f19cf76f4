package se.vardnav.console.health;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Health;
import se.vardnav.support.SettableClock;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class PeerOutcomesTest {
    private final SettableClock clock = new SettableClock();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    @Test
    void aPeerFailsSinceItsFirstFailureWithItsLastErrorScrubbedAndRecoversOnItsFirstAnswer() {
        PeerOutcomes peers = new PeerOutcomes(clock, meters, name -> null);
        peers.register("platform", null);
        Instant t0 = Instant.parse("2026-12-01T10:00:00Z");
        clock.setNow(t0);
        peers.failed("platform", "ConnectException: refused");
        clock.setNow(t0.plusSeconds(90));
        peers.failed("platform", "timeout for 191212121212");

        PeerOutcomes.Snapshot s = peers.snapshot("platform");
        assertThat(s.failing()).isTrue();
        assertThat(s.failingFor(clock.instant())).isGreaterThanOrEqualTo(Duration.ofSeconds(89));
        assertThat(s.lastError()).contains("timeout").doesNotContain("191212121212");
        assertThat(meters.get("vardnav.peer.up").tag("peer", "platform").gauge().value()).isZero();

        peers.succeeded("platform", 20);
        assertThat(peers.snapshot("platform").failing()).isFalse();
        assertThat(meters.get("vardnav.peer.up").tag("peer", "platform").gauge().value()).isEqualTo(1.0);
        assertThat(peers.snapshot("platform").last5().calls()).isEqualTo(3);
        assertThat(peers.snapshot("platform").last5().failures()).isEqualTo(2);
    }

    @Test
    void aPeerWithAHealthComponentFailsWhileThatSaysDown() {
        Health[] health = {Health.down().withDetail("reason", "401 from gateway").withDetail("since", "2026-12-01T09:00:00Z").build()};
        PeerOutcomes peers = new PeerOutcomes(clock, meters, name -> () -> health[0]);
        peers.register("sms", "smsGateway");
        PeerOutcomes.Snapshot s = peers.snapshot("sms");
        assertThat(s.failingSince()).isEqualTo(Instant.parse("2026-12-01T09:00:00Z"));
        assertThat(s.lastError()).isEqualTo("401 from gateway");
        health[0] = Health.up().build();
        assertThat(peers.snapshot("sms").failing()).isFalse();
    }
}
