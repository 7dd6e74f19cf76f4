package se.vardnav.deadletter;

import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Each time a message went to a dead-letter queue (table {@code dead_letter_event}), under the trace id the
 * message keeps across replays: where it came from, why, after how many attempts. With the console's audit
 * entries (replays, discards) this is a dead letter's history, without its content.
 */
public class DeadLetterHistory {
    private final JdbcTemplate jdbc;
    private final Clock clock;

    public DeadLetterHistory(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public record Event(Instant at, String queue, String origin, String reason, int attempts, DeadLetterKeys keys) {}

    public void dead(String traceId, String queue, String origin, String reason, int attempts, DeadLetterKeys keys) {
        jdbc.update("INSERT INTO dead_letter_event (trace_id, at, queue, origin, reason, attempts, booking_id, letter_id, sms_key) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                traceId, Timestamp.from(clock.instant()), queue, origin, reason, attempts, keys.bookingId(), keys.letterId(), keys.smsKey());
    }

    public List<Event> of(String traceId) {
        return jdbc.query("SELECT at, queue, origin, reason, attempts, booking_id, letter_id, sms_key FROM dead_letter_event "
                + "WHERE trace_id = ? ORDER BY at, id", (rs, n) -> event(rs), traceId);
    }

    /** Dead-letterings of a booking or letter, for its journey. */
    public List<Event> byKey(String key) {
        return jdbc.query("SELECT at, queue, origin, reason, attempts, booking_id, letter_id, sms_key FROM dead_letter_event "
                + "WHERE booking_id = ? OR letter_id = ? ORDER BY at, id", (rs, n) -> event(rs), key, key);
    }

    private static Event event(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Event(rs.getTimestamp(1).toInstant(), rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5),
                new DeadLetterKeys(rs.getString(6), rs.getString(7), rs.getString(8)));
    }
}
