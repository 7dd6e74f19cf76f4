-- The last booking version the patient was told about: an older event arriving late never sends
-- a stale SMS (the delivery step has its own high-water mark in booking_link).
CREATE TABLE booking_notice (
    source        VARCHAR(64)  NOT NULL,
    booking_id    VARCHAR(128) NOT NULL,
    last_version  BIGINT       NOT NULL,
    PRIMARY KEY (source, booking_id)
);
