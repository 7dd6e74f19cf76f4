-- Durable reminders (15 minutes before a video meeting). Checked against the booking's current state
-- when they fire: a reminder for a cancelled or moved booking does nothing. The planned SMS (with the
-- phone number) is kept until it fires; the row is emptied of it once sent or skipped.
CREATE TABLE reminder (
    booking_key   VARCHAR(200) NOT NULL PRIMARY KEY,
    source        VARCHAR(64)  NOT NULL,
    booking_id    VARCHAR(128) NOT NULL,
    version       BIGINT       NOT NULL,
    due_at        TIMESTAMP    NOT NULL,
    status        VARCHAR(16)  NOT NULL,
    request       VARCHAR(4000)
);
CREATE INDEX reminder_due ON reminder (status, due_at);
