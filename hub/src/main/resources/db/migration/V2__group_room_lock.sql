-- One row per group video room: the row lock that serialises joins, so a room never passes its limit
-- even with several consumers (or several hub instances) adding participants at once.
CREATE TABLE group_room (
    room_key      VARCHAR(200) NOT NULL PRIMARY KEY,
    created_at    TIMESTAMP    NOT NULL
);
