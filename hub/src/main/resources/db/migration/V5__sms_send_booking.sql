-- Which booking a notice was about, and which template: so a unit can see per booking what was sent.
ALTER TABLE sms_send ADD COLUMN booking_id VARCHAR(128);
ALTER TABLE sms_send ADD COLUMN template VARCHAR(64);
CREATE INDEX sms_send_booking ON sms_send (booking_id);
