package se.vardnav.booking;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;

/**
 * Group video meetings (DOMAIN.md, "Gruppmöte via videomöte"): bookings with the same start and the
 * same resource on a group time type share one room, with at most {@code maxParticipants}.
 */
public class GroupRooms {
    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final int maxParticipants;

    public GroupRooms(JdbcTemplate jdbc, Clock clock, int maxParticipants) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.maxParticipants = maxParticipants;
    }

    public static String roomKey(String resourceHsaId, Instant start) {
        return "group:" + resourceHsaId + ":" + start.getEpochSecond();
    }

    /** Adds the booking to its room (idempotent) or refuses it when the room is full. */
    public void join(String roomKey, BookingKey booking) {
        if (isMember(roomKey, booking)) {
            return;
        }
        Integer members = jdbc.queryForObject("SELECT COUNT(*) FROM group_room_member WHERE room_key = ?", Integer.class, roomKey);
        if (members != null && members >= maxParticipants) {
            throw new GroupRoomFullException("group video room is full: " + maxParticipants
                    + " participants already booked on the same resource and start; booking " + booking.bookingId() + " not added");
        }
        try {
            jdbc.update("INSERT INTO group_room_member (room_key, source, booking_id, joined_at) VALUES (?, ?, ?, ?)",
                    roomKey, booking.source(), booking.bookingId(), Timestamp.from(clock.instant()));
        } catch (DuplicateKeyException alreadyThere) {
            // a concurrent redelivery added it: same effect
        }
    }

    /** A cancelled or moved booking frees its place in every room it held. */
    public void leave(BookingKey booking) {
        jdbc.update("DELETE FROM group_room_member WHERE source = ? AND booking_id = ?", booking.source(), booking.bookingId());
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
