package se.vardnav.booking;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;

/**
 * Group video meetings (docs/architecture.md, "Domain terms": gruppmöte): bookings with the same start and the
 * same resource on a group time type share one room, with at most {@code maxParticipants}.
 */
public class GroupRooms {
    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final int maxParticipants;

    public GroupRooms(JdbcTemplate jdbc, TransactionTemplate tx, Clock clock, int maxParticipants) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.clock = clock;
        this.maxParticipants = maxParticipants;
    }

    public static String roomKey(String resourceHsaId, Instant start) {
        return "group:" + resourceHsaId + ":" + start.getEpochSecond();
    }

    /**
     * Adds the booking to its room (idempotent) or refuses it when the room is full. A booking that
     * moved (new start or resource) leaves its old room in the same step. An event older than the one
     * that last placed the booking changes nothing.
     */
    public void join(String roomKey, BookingKey booking) {
        ensureRoom(roomKey);
        ensureBooking(booking);
        tx.executeWithoutResult(status -> {
            jdbc.queryForList("SELECT room_key FROM group_room WHERE room_key = ? FOR UPDATE", roomKey);
            if (!current(booking)) {
                return;
            }
            jdbc.update("DELETE FROM group_room_member WHERE source = ? AND booking_id = ? AND room_key <> ?",
                    booking.source(), booking.bookingId(), roomKey);
            if (isMember(roomKey, booking)) {
                return;
            }
            if (size(roomKey) >= maxParticipants) {
                throw new GroupRoomFullException("group video room is full: " + maxParticipants
                        + " participants already booked on the same resource and start; booking " + booking.bookingId() + " not added");
            }
            jdbc.update("INSERT INTO group_room_member (room_key, source, booking_id, joined_at) VALUES (?, ?, ?, ?)",
                    roomKey, booking.source(), booking.bookingId(), Timestamp.from(clock.instant()));
        });
    }

    private void ensureRoom(String roomKey) {
        try {
            jdbc.update("INSERT INTO group_room (room_key, created_at) VALUES (?, ?)", roomKey, Timestamp.from(clock.instant()));
        } catch (DuplicateKeyException exists) {
            // another booking of the group created it first
        }
    }

    /**
     * A cancelled booking, or one no longer on a group time type, frees its place in every room it held
     * (unless a newer event of it has placed it since).
     */
    public void leave(BookingKey booking) {
        tx.executeWithoutResult(status -> {
            // a booking never placed in a room has no mark (most bookings): nothing to free
            if (current(booking)) {
                jdbc.update("DELETE FROM group_room_member WHERE source = ? AND booking_id = ?", booking.source(), booking.bookingId());
            }
        });
    }

    /** Moves the booking's mark to this version, locking it; false if it has none or a newer version moved the booking. */
    private boolean current(BookingKey booking) {
        return jdbc.update("UPDATE group_room_booking SET last_version = ? WHERE source = ? AND booking_id = ? AND last_version <= ?",
                booking.version(), booking.source(), booking.bookingId(), booking.version()) > 0;
    }

    private void ensureBooking(BookingKey booking) {
        try {
            jdbc.update("INSERT INTO group_room_booking (source, booking_id, last_version) VALUES (?, ?, ?)",
                    booking.source(), booking.bookingId(), booking.version());
        } catch (DuplicateKeyException placedBefore) {
            // placed before: the guarded update in the transaction decides
        }
    }

    public int size(String roomKey) {
        Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM group_room_member WHERE room_key = ?", Integer.class, roomKey);
        return n == null ? 0 : n;
    }

    private boolean isMember(String roomKey, BookingKey booking) {
        Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM group_room_member WHERE room_key = ? AND source = ? AND booking_id = ?",
                Integer.class, roomKey, booking.source(), booking.bookingId());
        return n != null && n > 0;
    }

    /** Permanent: the booking goes to the dead-letter queue with this reason for an operator. */
    public static class GroupRoomFullException extends RuntimeException {
        public GroupRoomFullException(String message) {
            super(message);
        }
    }
}
