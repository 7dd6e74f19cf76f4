-- New-message notices from the visit platform. Normal messages are coalesced per recipient: the
-- first opens a window (due_at), later ones only count; when due one SMS goes out and the row is
-- closed (SENT), so the next message opens a new window. The phone is kept only while a window is open.
CREATE TABLE chat_notice (
    recipient_key  VARCHAR(200) NOT NULL PRIMARY KEY,
    phone          VARCHAR(64),
    first_at       TIMESTAMP    NOT NULL,
    due_at         TIMESTAMP    NOT NULL,
    message_count  INTEGER      NOT NULL,
    status         VARCHAR(16)  NOT NULL
);
CREATE INDEX chat_notice_due ON chat_notice (status, due_at);

-- Platform message ids already taken in: a message posted again is not counted twice.
CREATE TABLE chat_message (
    message_id   VARCHAR(200) NOT NULL PRIMARY KEY,
    received_at  TIMESTAMP    NOT NULL
);
