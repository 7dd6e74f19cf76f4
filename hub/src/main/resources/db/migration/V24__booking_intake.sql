-- Runs unchanged on H2 and PostgreSQL.

-- The intake numbers each booking's events as they arrive (se.vardnav.booking.BookingVersions): the
-- version of an event is its event time plus the booking's arrival number, so two events with the same
-- event time are two versions, in the order they arrived. The row is also the lock under which one
-- booking's events are numbered, and keeps the last event's content hash (a resend under a new id).
CREATE TABLE booking_intake (
    source        VARCHAR(64)  NOT NULL,
    booking_id    VARCHAR(128) NOT NULL,
    arrivals      BIGINT       NOT NULL,
    last_version  BIGINT,
    last_content  VARCHAR(64),
    PRIMARY KEY (source, booking_id)
);

-- The sender's message ids (MSH-10) per booking, with the version each got: a resend of the same
-- message is the same version, however much came in between. Forgotten after a retention period.
CREATE TABLE intake_message (
    source        VARCHAR(64)  NOT NULL,
    booking_id    VARCHAR(128) NOT NULL,
    message_id    VARCHAR(200) NOT NULL,
    version       BIGINT       NOT NULL,
    received_at   TIMESTAMP    NOT NULL,
    PRIMARY KEY (source, booking_id, message_id)
);
CREATE INDEX intake_message_received ON intake_message (received_at);

-- Versions stored before were the event time in milliseconds; now that is the high part
-- (event time * 2^20 + arrival number). Rescaled so that they still compare with new ones.
UPDATE booking_link SET last_version = last_version * 1048576;
UPDATE booking_notice SET last_version = last_version * 1048576;
UPDATE reminder SET version = version * 1048576;
UPDATE withheld_booking SET version = version * 1048576;
UPDATE guest_booking SET last_version = last_version * 1048576 WHERE last_version > 0;
UPDATE guest_booking SET round_version = round_version * 1048576 WHERE round_version IS NOT NULL;
UPDATE guest_booking SET cancel_version = cancel_version * 1048576 WHERE cancel_version IS NOT NULL;
UPDATE guest_link SET round_version = round_version * 1048576;
