package se.vardnav.console.health;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TileStateTest {
    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    private static final Duration RED_AFTER = Duration.ofMinutes(2);
    private static final Duration SLOW_CALL = Duration.ofSeconds(2);

    private static PeerOutcomes.Snapshot peer(Instant failingSince, Activity last5) {
        return new PeerOutcomes.Snapshot("platform", null, failingSince, failingSince == null ? null : "down", failingSince, last5, last5);
    }

    @Test
    void aPeerFailingShorterThanRedAfterIsWaitingOnRetryThenFailing() {
        assertThat(TileState.ofPeer(peer(NOW.minusSeconds(30), Activity.NONE), NOW, RED_AFTER, SLOW_CALL)).isEqualTo(TileState.WAITING_ON_RETRY);
        assertThat(TileState.ofPeer(peer(NOW.minusSeconds(120), Activity.NONE), NOW, RED_AFTER, SLOW_CALL)).isEqualTo(TileState.FAILING);
    }

    @Test
    void aPeerAnsweringSlowlyIsSlowAndOneAnsweringInTimeIsUp() {
        assertThat(TileState.ofPeer(peer(null, new Activity(4, 0, 12_000)), NOW, RED_AFTER, SLOW_CALL)).isEqualTo(TileState.SLOW);
        assertThat(TileState.ofPeer(peer(null, new Activity(4, 0, 400)), NOW, RED_AFTER, SLOW_CALL)).isEqualTo(TileState.UP);
        assertThat(TileState.ofPeer(peer(null, Activity.NONE), NOW, RED_AFTER, SLOW_CALL)).isEqualTo(TileState.UP);
    }

    @Test
    void aFlowTakesItsWorstPeerAndFailsWhenARouteIsNotRunning() {
        Duration slowAfter = Duration.ofMinutes(5);
        assertThat(TileState.ofFlow(false, List.of(TileState.UP, TileState.FAILING), 0, null, slowAfter)).isEqualTo(TileState.FAILING);
        assertThat(TileState.ofFlow(true, List.of(TileState.UP), 0, null, slowAfter)).isEqualTo(TileState.FAILING);
        assertThat(TileState.ofFlow(false, List.of(TileState.UP), 1, null, slowAfter)).isEqualTo(TileState.WAITING_ON_RETRY);
        assertThat(TileState.ofFlow(false, List.of(TileState.UP), 0, Duration.ofMinutes(6), slowAfter)).isEqualTo(TileState.SLOW);
        assertThat(TileState.ofFlow(false, List.of(TileState.UP), 0, Duration.ofMinutes(1), slowAfter)).isEqualTo(TileState.UP);
    }
}
