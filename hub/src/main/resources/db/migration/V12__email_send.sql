-- One row per e-mail the hub handed to the SMTP server, keyed by the notification's business key:
-- a redelivered request whose key is here is not sent again. No address and no text.
CREATE TABLE email_send (
    business_key  VARCHAR(200) NOT NULL PRIMARY KEY,
    booking_id    VARCHAR(128),
    template      VARCHAR(64),
    status        VARCHAR(32)  NOT NULL,
    sent_at       TIMESTAMP    NOT NULL
);
CREATE INDEX email_send_booking ON email_send (booking_id);
