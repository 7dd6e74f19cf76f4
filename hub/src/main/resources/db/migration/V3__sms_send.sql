-- One row per SMS the hub handed to a gateway, keyed by the notification's business key:
-- a redelivered request whose key is here has already been accepted and is not sent again.
-- No phone number and no text: the row says what happened, not to whom.
CREATE TABLE sms_send (
    business_key  VARCHAR(200) NOT NULL PRIMARY KEY,
    gateway       VARCHAR(32)  NOT NULL,
    gateway_id    VARCHAR(128),
    segments      INTEGER      NOT NULL,
    status        VARCHAR(32)  NOT NULL,
    accepted_at   TIMESTAMP    NOT NULL,
    reported_at   TIMESTAMP
);
CREATE INDEX sms_send_gateway_id ON sms_send (gateway_id);
