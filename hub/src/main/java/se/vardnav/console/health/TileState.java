package se.vardnav.console.health;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;

/** A tile's state on the overview, worst last; the rules that decide it are here and nowhere else. */
public enum TileState {
    UP, SLOW, WAITING_ON_RETRY, FAILING;

    public TileState worst(TileState other) {
        return other.ordinal() > ordinal() ? other : this;
    }

    /**
     * A peer: failing (red) once it has failed for longer than {@code redAfter}, waiting on retry before that,
     * slow when its calls took longer than {@code slowCall} on average over the last 5 minutes.
     */
    public static TileState ofPeer(PeerOutcomes.Snapshot s, Instant now, Duration redAfter, Duration slowCall) {
        if (s.failing()) {
            return s.failingFor(now).compareTo(redAfter) >= 0 ? FAILING : WAITING_ON_RETRY;
        }
        return s.last5().calls() > 0 && s.last5().meanMillis() > slowCall.toMillis() ? SLOW : UP;
    }

    /**
     * A flow: failing when one of its routes is not running or a peer it needs is failing; waiting on retry when
     * a message is being retried or a peer is; slow when its oldest message has waited longer than {@code slowAfter}.
     */
    public static TileState ofFlow(boolean routeNotRunning, Collection<TileState> peers, int retrying, Duration oldestWaiting,
                                   Duration slowAfter) {
        TileState state = peers.stream().reduce(UP, TileState::worst);
        if (routeNotRunning) {
            return FAILING;
        }
        if (retrying > 0) {
            state = state.worst(WAITING_ON_RETRY);
        }
        if (oldestWaiting != null && oldestWaiting.compareTo(slowAfter) > 0) {
            state = state.worst(SLOW);
        }
        return state;
    }
}
