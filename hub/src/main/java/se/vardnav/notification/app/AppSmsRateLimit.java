package se.vardnav.notification.app;

import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

/**
 * At most {@code max} app SMS per patient within {@code per} (table {@code app_sms_request}, so the limit holds
 * across restarts and hub instances). A slot is taken before the SMS is queued and given back if queueing fails.
 * Two requests racing for the last slot may both be refused, never both sent.
 */
public class AppSmsRateLimit {
    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final int max;
    private final Duration per;

    /** Refused: the patient had {@code max} within the window; {@code retryAfter} until a slot frees up. */
    public static class LimitedException extends Exception {
        private final Duration retryAfter;

        LimitedException(int max, Duration per, Duration retryAfter) {
            super("at most " + max + " app SMS per patient within " + per.toHours() + " h; try again later");
            this.retryAfter = retryAfter;
        }

        public Duration retryAfter() {
            return retryAfter;
        }
    }

    public AppSmsRateLimit(JdbcTemplate jdbc, Clock clock, int max, Duration per) {
        if (max < 1 || per.isNegative() || per.isZero()) {
            throw new IllegalArgumentException("vardnav.notification.app-sms: max-per-patient ≥ 1 and a positive window");
        }
        this.jdbc = jdbc;
        this.clock = clock;
        this.max = max;
        this.per = per;
    }

    /** Refuses at once when the patient has no slot left (before anyone is asked about the patient). */
    public void check(String system, String id) throws LimitedException {
        String key = key(system, id);
        List<Timestamp> recent = recent(key, clock.instant());
        if (recent.size() >= max) {
            throw limited(recent);
        }
    }

    /** Takes a slot; returns its row id, for {@link #release} if the SMS could not be queued. */
    public long take(String system, String id) throws LimitedException {
        String key = key(system, id);
        Instant now = clock.instant();
        jdbc.update("DELETE FROM app_sms_request WHERE patient_key = ? AND requested_at <= ?", key, Timestamp.from(now.minus(per)));
        var keyHolder = new org.springframework.jdbc.support.GeneratedKeyHolder();
        jdbc.update(c -> {
            var ps = c.prepareStatement("INSERT INTO app_sms_request (patient_key, requested_at) VALUES (?, ?)", new String[] {"id"});
            ps.setString(1, key);
            ps.setTimestamp(2, Timestamp.from(now));
            return ps;
        }, keyHolder);
        long row = keyHolder.getKey().longValue();
        List<Timestamp> recent = recent(key, now);
        if (recent.size() > max) {
            release(row);
            throw limited(recent);
        }
        return row;
    }

    public void release(long row) {
        jdbc.update("DELETE FROM app_sms_request WHERE id = ?", row);
    }

    private List<Timestamp> recent(String key, Instant now) {
        return jdbc.queryForList("SELECT requested_at FROM app_sms_request WHERE patient_key = ? AND requested_at > ? ORDER BY requested_at",
                Timestamp.class, key, Timestamp.from(now.minus(per)));
    }

    private LimitedException limited(List<Timestamp> recent) {
        Duration wait = Duration.between(clock.instant(), recent.get(0).toInstant().plus(per));
        return new LimitedException(max, per, wait.isNegative() ? Duration.ZERO : wait);
    }

    /** A pseudonym of the patient: the table never holds the personnummer. */
    static String key(String system, String id) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest((system + "|" + id).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
