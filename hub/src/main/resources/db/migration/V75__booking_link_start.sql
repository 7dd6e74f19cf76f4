-- The start the platform shows, kept with the last applied version: guests posted after a booking was applied
-- are invited from it, so a booking without guests needs no guest_booking row (issue 15: a row and four
-- statements per booking before). Runs unchanged on H2 and PostgreSQL.
ALTER TABLE booking_link ADD COLUMN start_at TIMESTAMP;
-- every booking applied so far has its guest row, with the start
UPDATE booking_link SET start_at = (SELECT g.start_at FROM guest_booking g
                                    WHERE g.source = booking_link.source AND g.booking_id = booking_link.booking_id);
