package se.vardnav.console;

import se.vardnav.identity.SafeText;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/** The console's audit trail (table {@code console_audit}): every action taken from {@code /console}, by whom. */
public class ConsoleAudit {
    private final JdbcTemplate jdbc;
    private final Clock clock;

    public ConsoleAudit(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public enum Outcome { DONE, REFUSED, FAILED }

    public record Entry(long id, Instant at, String actor, boolean actorVerified, String action, String target,
                        String traceId, String detail, String outcome) {}

    public void record(ConsoleActor actor, String action, String target, String traceId, String detail, Outcome outcome) {
        jdbc.update("INSERT INTO console_audit (at, actor, actor_verified, action, target, trace_id, detail, outcome) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                Timestamp.from(clock.instant()), actor.name(), actor.verified(), action, cut(target, 300), traceId,
                cut(SafeText.scrub(detail), 500), outcome.name());
    }

    public List<Entry> recent(int limit) {
        return jdbc.query("SELECT id, at, actor, actor_verified, action, target, trace_id, detail, outcome FROM console_audit "
                + "ORDER BY at DESC, id DESC LIMIT ?", (rs, n) -> entry(rs), limit);
    }

    public List<Entry> forTrace(String traceId) {
        return jdbc.query("SELECT id, at, actor, actor_verified, action, target, trace_id, detail, outcome FROM console_audit "
                + "WHERE trace_id = ? ORDER BY at, id", (rs, n) -> entry(rs), traceId);
    }

    private static Entry entry(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Entry(rs.getLong(1), rs.getTimestamp(2).toInstant(), rs.getString(3), rs.getBoolean(4), rs.getString(5),
                rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9));
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
