-- The last version of each booking that moved it into or out of a group room: an older event
-- arriving late (or replayed from a dead-letter queue) must not put a cancelled booking back into a
-- room, or take a place from the booking as it is now.
CREATE TABLE group_room_booking (
    source        VARCHAR(64)  NOT NULL,
    booking_id    VARCHAR(128) NOT NULL,
    last_version  BIGINT       NOT NULL,
    PRIMARY KEY (source, booking_id)
);
-- Bookings already in a room have a mark older than any event.
INSERT INTO group_room_booking (source, booking_id, last_version)
    SELECT DISTINCT source, booking_id, 0 FROM group_room_member;
