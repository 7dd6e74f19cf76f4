package se.vardnav.console.health;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One tile of the overview: a flow or a peer. Counts only, and a peer's last error (scrubbed): no personal data.
 *
 * @param label         a name to show as is, or null to show the message {@code flow.<id>} / {@code peer.<id>}
 * @param oldestWaiting how long the oldest message of its queues (or being retried on its routes) has waited
 * @param depth         messages waiting on its queues, -1 if unknown
 * @param notes         why the state is what it is, as message keys with one argument ({@code key|argument})
 */
public record Tile(Kind kind, String id, String label, TileState state, Activity last5, Activity last60,
                   Duration oldestWaiting, long depth, long deadLetters, Duration failingFor, String lastError,
                   Instant lastErrorAt, List<String> notes) {

    public enum Kind { FLOW, PEER }

    public boolean red() {
        return state == TileState.FAILING;
    }
}
