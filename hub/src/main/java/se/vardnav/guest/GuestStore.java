package se.vardnav.guest;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The tables behind guest invitations: a booking's invitation state, its guests and their links. */
public class GuestStore {
    public static final String GENERAL = "general";
    private final JdbcTemplate jdbc;
    private final Clock clock;
    /** A guest's phone and e-mail are stored sealed (personal data at rest). */
    private final se.vardnav.privacy.DataCipher cipher;

    public GuestStore(JdbcTemplate jdbc, Clock clock, se.vardnav.privacy.DataCipher cipher) {
        this.cipher = cipher;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * @param status       PENDING (not confirmed on the platform yet), BOOKED or CANCELLED
     * @param roundVersion the booking version whose links are current (null: nobody invited yet)
     * @param cancelVersion the booking version that cancelled the invitations, if any
     */
    public record Booking(String source, String bookingId, long lastVersion, String status, Instant start,
                          Long roundVersion, Long cancelVersion) {}

    public record Guest(long id, String role, String phone, String email) {
        @Override
        public String toString() {
            return "Guest[" + id + ", " + role + "]";
        }
    }

    public record Link(long id, long roundVersion, String linkKey, Long guestId, String nonce, String status) {}

    public record LinkStatus(String bookingId, boolean general, String status) {}

    /** Whether the booking has a row: only once guests were posted for it. */
    public boolean exists(String source, String bookingId) {
        return !jdbc.queryForList("SELECT 1 FROM guest_booking WHERE source = ? AND booking_id = ?", Integer.class, source, bookingId).isEmpty();
    }

    /** Makes sure the booking has a row (PENDING) to lock; concurrent callers both succeed. */
    public void ensureBooking(String source, String bookingId) {
        if (jdbc.queryForObject("SELECT COUNT(*) FROM guest_booking WHERE source = ? AND booking_id = ?", Integer.class, source, bookingId) > 0) {
            return;
        }
        try {
            jdbc.update("INSERT INTO guest_booking (source, booking_id, last_version, status) VALUES (?, ?, -1, 'PENDING')", source, bookingId);
        } catch (DuplicateKeyException concurrentlyInserted) {
            // the other caller's row serves
        }
    }

    /** Reads the booking's row and locks it until the transaction ends: guests and booking events take turns. */
    public Booking lock(String source, String bookingId) {
        return jdbc.queryForObject("SELECT source, booking_id, last_version, status, start_at, round_version, cancel_version "
                        + "FROM guest_booking WHERE source = ? AND booking_id = ? FOR UPDATE",
                (rs, i) -> new Booking(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getString(4),
                        rs.getTimestamp(5) == null ? null : rs.getTimestamp(5).toInstant(),
                        (Long) rs.getObject(6, Long.class), (Long) rs.getObject(7, Long.class)),
                source, bookingId);
    }

    public void save(Booking b) {
        jdbc.update("UPDATE guest_booking SET last_version = ?, status = ?, start_at = ?, round_version = ?, cancel_version = ? "
                        + "WHERE source = ? AND booking_id = ?",
                b.lastVersion(), b.status(), b.start() == null ? null : Timestamp.from(b.start()), b.roundVersion(), b.cancelVersion(),
                b.source(), b.bookingId());
    }

    /** The guest's id; a guest already known (same key) keeps its first contact details. */
    public long addGuest(String source, String bookingId, GuestContact g) {
        Optional<Long> known = guestId(source, bookingId, g.key());
        if (known.isPresent()) {
            return known.get();
        }
        try {
            jdbc.update("INSERT INTO guest (source, booking_id, guest_key, role, phone, email, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    source, bookingId, g.key(), g.role(), cipher.seal(g.phone()), cipher.seal(g.email()), Timestamp.from(clock.instant()));
        } catch (DuplicateKeyException concurrentlyAdded) {
            // the same guest posted twice at once: one row
        }
        return guestId(source, bookingId, g.key()).orElseThrow();
    }

    private Optional<Long> guestId(String source, String bookingId, String key) {
        return jdbc.queryForList("SELECT id FROM guest WHERE source = ? AND booking_id = ? AND guest_key = ?", Long.class, source, bookingId, key)
                .stream().findFirst();
    }

    public List<Guest> guests(String source, String bookingId) {
        return jdbc.query("SELECT id, role, phone, email FROM guest WHERE source = ? AND booking_id = ? ORDER BY id",
                (rs, i) -> guest(rs), source, bookingId);
    }

    public Optional<Guest> guest(long id) {
        return jdbc.query("SELECT id, role, phone, email FROM guest WHERE id = ?",
                (rs, i) -> guest(rs), id).stream().findFirst();
    }

    private Guest guest(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Guest(rs.getLong(1), rs.getString(2), cipher.open(rs.getString(3)), cipher.open(rs.getString(4)));
    }

    /** The round's link for a guest (or the general one, guestId null), made if missing. */
    public Link link(String source, String bookingId, long round, Long guestId, GuestTokens tokens) {
        String linkKey = guestId == null ? GENERAL : String.valueOf(guestId);
        Optional<Link> existing = findLink(source, bookingId, round, linkKey);
        if (existing.isPresent()) {
            return existing.get();
        }
        String nonce = tokens.newNonce();
        try {
            jdbc.update("INSERT INTO guest_link (source, booking_id, round_version, link_key, guest_id, nonce, token_hash, status, created_at) "
                            + "VALUES (?, ?, ?, ?, ?, ?, ?, 'ACTIVE', ?)",
                    source, bookingId, round, linkKey, guestId, nonce, GuestTokens.hash(tokens.token(nonce)), Timestamp.from(clock.instant()));
        } catch (DuplicateKeyException concurrentlyMade) {
            // made by the other caller: use theirs
        }
        return findLink(source, bookingId, round, linkKey).orElseThrow();
    }

    private Optional<Link> findLink(String source, String bookingId, long round, String linkKey) {
        return jdbc.query("SELECT id, round_version, link_key, guest_id, nonce, status FROM guest_link "
                        + "WHERE source = ? AND booking_id = ? AND round_version = ? AND link_key = ?",
                (rs, i) -> new Link(rs.getLong(1), rs.getLong(2), rs.getString(3), (Long) rs.getObject(4, Long.class), rs.getString(5), rs.getString(6)),
                source, bookingId, round, linkKey).stream().findFirst();
    }

    /** The guests' links of one round (not the general one). */
    public List<Link> guestLinks(String source, String bookingId, long round) {
        return jdbc.query("SELECT id, round_version, link_key, guest_id, nonce, status FROM guest_link "
                        + "WHERE source = ? AND booking_id = ? AND round_version = ? AND guest_id IS NOT NULL ORDER BY guest_id",
                (rs, i) -> new Link(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getLong(4), rs.getString(5), rs.getString(6)),
                source, bookingId, round);
    }

    /** Every link of the booking still active stops working (a reschedule or a cancel). */
    public int revokeActive(String source, String bookingId) {
        return jdbc.update("UPDATE guest_link SET status = 'REVOKED', revoked_at = ? WHERE source = ? AND booking_id = ? AND status = 'ACTIVE'",
                Timestamp.from(clock.instant()), source, bookingId);
    }

    /** Whether an earlier round sent links: a later round is a re-invitation after a reschedule. */
    public boolean hasEarlierRound(String source, String bookingId, long round) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM guest_link WHERE source = ? AND booking_id = ? AND round_version < ?",
                Integer.class, source, bookingId, round) > 0;
    }

    public Optional<LinkStatus> byToken(String token) {
        return jdbc.query("SELECT booking_id, guest_id, status FROM guest_link WHERE token_hash = ?",
                (rs, i) -> new LinkStatus(rs.getString(1), rs.getObject(2) == null, rs.getString(3)), GuestTokens.hash(token)).stream().findFirst();
    }
}
