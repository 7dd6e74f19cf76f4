package se.vardnav.booking;

import org.junit.jupiter.api.Test;
import se.vardnav.booking.GroupRooms.GroupRoomFullException;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GroupRoomsTest {
    private static final int MAX = 3;
    private static final String ROOM = GroupRooms.roomKey("SE2321000016-1234", Instant.parse("2025-03-10T08:30:00Z"));
    private final GroupRooms rooms = rooms(MigratedH2.create());

    private static BookingKey booking(int n) {
        return new BookingKey("TAKECARE", "G" + n, 1);
    }

    @Test
    void roomKeyIsResourceAndStart() {
        assertThat(ROOM).isEqualTo("group:SE2321000016-1234:" + Instant.parse("2025-03-10T08:30:00Z").getEpochSecond());
    }

    @Test
    void joinIsIdempotent() {
        rooms.join(ROOM, booking(1));
        rooms.join(ROOM, booking(1));
        rooms.join(ROOM, new BookingKey("TAKECARE", "G1", 2)); // a later version of the same booking
        assertThat(rooms.size(ROOM)).isEqualTo(1);
    }

    @Test
    void oneMoreThanMaxIsRefusedWithAnActionableMessage() {
        for (int i = 1; i <= MAX; i++) {
            rooms.join(ROOM, booking(i));
        }
        assertThatThrownBy(() -> rooms.join(ROOM, booking(MAX + 1)))
                .isInstanceOf(GroupRoomFullException.class)
                .hasMessageContaining("full")
                .hasMessageContaining(String.valueOf(MAX))
                .hasMessageContaining("G" + (MAX + 1));
        assertThat(rooms.size(ROOM)).isEqualTo(MAX);
        // a redelivered member of a full room is still fine
        rooms.join(ROOM, booking(1));
    }

    @Test
    void leaveFreesAPlace() {
        for (int i = 1; i <= MAX; i++) {
            rooms.join(ROOM, booking(i));
        }
        rooms.leave(booking(2));
        assertThat(rooms.size(ROOM)).isEqualTo(MAX - 1);
        rooms.join(ROOM, booking(MAX + 1));
        assertThat(rooms.size(ROOM)).isEqualTo(MAX);
    }

    @Test
    void roomsAreSeparateByStart() {
        String other = GroupRooms.roomKey("SE2321000016-1234", Instant.parse("2025-03-10T10:00:00Z"));
        for (int i = 1; i <= MAX; i++) {
            rooms.join(ROOM, booking(i));
        }
        rooms.join(other, booking(MAX + 1));
        assertThat(rooms.size(other)).isEqualTo(1);
    }

    @Test
    void aMovedBookingLeavesItsOldRoom() {
        String later = GroupRooms.roomKey("SE2321000016-1234", Instant.parse("2025-03-10T10:30:00Z"));
        rooms.join(ROOM, booking(1));
        rooms.join(later, new BookingKey("TAKECARE", "G1", 2));
        assertThat(rooms.size(ROOM)).isZero();
        assertThat(rooms.size(later)).isEqualTo(1);
    }

    @Test
    void concurrentJoinsNeverPassTheLimit() throws Exception {
        var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        var tasks = new java.util.ArrayList<java.util.concurrent.Callable<Boolean>>();
        for (int i = 1; i <= 12; i++) {
            int n = i;
            tasks.add(() -> {
                try {
                    rooms.join(ROOM, booking(n));
                    return true;
                } catch (GroupRoomFullException full) {
                    return false;
                }
            });
        }
        long joined = pool.invokeAll(tasks).stream().filter(f -> {
            try {
                return f.get();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).count();
        pool.shutdown();
        assertThat(joined).isEqualTo(MAX);
        assertThat(rooms.size(ROOM)).isEqualTo(MAX);
    }

    @Test
    void anOlderEventArrivingLateNeitherFreesNorTakesAPlace() {
        String later = GroupRooms.roomKey("SE2321000016-1234", Instant.parse("2025-03-10T10:30:00Z"));
        rooms.join(ROOM, new BookingKey("TAKECARE", "G1", 2));
        // version 1 said "not a group booking" (or cancelled): it arrives after version 2
        rooms.leave(new BookingKey("TAKECARE", "G1", 1));
        assertThat(rooms.size(ROOM)).isEqualTo(1);
        // cancelled at version 3; the booking made at version 2 replayed from a dead-letter queue
        rooms.leave(new BookingKey("TAKECARE", "G1", 3));
        rooms.join(ROOM, new BookingKey("TAKECARE", "G1", 2));
        rooms.join(later, new BookingKey("TAKECARE", "G1", 1));
        assertThat(rooms.size(ROOM)).isZero();
        assertThat(rooms.size(later)).isZero();
        // the same version again is the same event: idempotent
        rooms.join(ROOM, new BookingKey("TAKECARE", "G2", 5));
        rooms.join(ROOM, new BookingKey("TAKECARE", "G2", 5));
        assertThat(rooms.size(ROOM)).isEqualTo(1);
    }

    private static GroupRooms rooms(org.springframework.jdbc.core.JdbcTemplate jdbc) {
        return new GroupRooms(jdbc, MigratedH2.transactions(jdbc), MigratedH2.CLOCK, MAX);
    }
}
