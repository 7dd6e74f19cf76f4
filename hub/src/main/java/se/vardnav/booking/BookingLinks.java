package se.vardnav.booking;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The link journal booking ↔ platform Appointment, with the last version applied: the idempotency store of delivery. */
public class BookingLinks {
    private final JdbcTemplate jdbc;
    private final Clock clock;

    public BookingLinks(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public record Link(String source, String bookingId, String platformId, long lastVersion, String status) {}

    public Optional<Link> find(String source, String bookingId) {
        List<Link> rows = jdbc.query(
                "SELECT source, booking_id, platform_id, last_version, status FROM booking_link WHERE source = ? AND booking_id = ?",
                (rs, i) -> new Link(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getString(5)),
                source, bookingId);
        return rows.stream().findFirst();
    }

    /** True when this version is newer than anything applied, i.e. it still has an effect to make. */
    public boolean isNewer(BookingKey key) {
        return find(key.source(), key.bookingId()).map(l -> key.version() > l.lastVersion()).orElse(true);
    }

    /** What the platform shows of a booking, as the hub last applied it: for guests posted after it was applied. */
    public record Applied(long version, String status, Instant start) {}

    public Optional<Applied> lastApplied(String source, String bookingId) {
        return jdbc.query("SELECT last_version, status, start_at FROM booking_link WHERE source = ? AND booking_id = ?",
                (rs, i) -> new Applied(rs.getLong(1), rs.getString(2), rs.getTimestamp(3) == null ? null : rs.getTimestamp(3).toInstant()),
                source, bookingId).stream().findFirst();
    }

    /**
     * Locks the booking for the caller's transaction: its intake row, which every event of it has (the intake numbers
     * it there before it is queued). Returns false for an event with no intake row (queued before the intake kept
     * one), which then goes on unlocked, as before.
     */
    public boolean lockBooking(BookingKey key) {
        return !jdbc.queryForList("SELECT booking_id FROM booking_intake WHERE source = ? AND booking_id = ? FOR UPDATE", String.class,
                key.source(), key.bookingId()).isEmpty();
    }

    /** Records that a version was applied; never moves a link backwards. */
    public void applied(BookingKey key, String platformId, String status) {
        applied(key, platformId, status, null, find(key.source(), key.bookingId()).isPresent());
    }

    /**
     * As above, with the booking's start (null: none given), when the caller has just read whether a link exists
     * (saves a query per booking).
     */
    public void applied(BookingKey key, String platformId, String status, Instant start, boolean linkExists) {
        Timestamp now = Timestamp.from(clock.instant());
        Timestamp startAt = start == null ? null : Timestamp.from(start);
        if (!linkExists) {
            try {
                jdbc.update("INSERT INTO booking_link (source, booking_id, platform_id, last_version, status, start_at, updated_at) "
                                + "VALUES (?, ?, ?, ?, ?, ?, ?)",
                        key.source(), key.bookingId(), platformId, key.version(), status, startAt, now);
                return;
            } catch (DuplicateKeyException concurrentlyInserted) {
                // fall through to the guarded update
            }
        }
        // a status without a start (a cancel) keeps the start the platform shows
        jdbc.update(
                "UPDATE booking_link SET platform_id = ?, last_version = ?, status = ?, start_at = COALESCE(?, start_at), updated_at = ? "
                        + "WHERE source = ? AND booking_id = ? AND last_version < ?",
                platformId, key.version(), status, startAt, now, key.source(), key.bookingId(), key.version());
    }
}
