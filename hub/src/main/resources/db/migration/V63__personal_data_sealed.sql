-- Personal data at rest (se.vardnav.privacy.DataCipher): these columns now hold their value sealed with AES-GCM
-- ("vn1.<key id>.<Base64>"), which is longer than the clear value. Rows written before stay readable as they are
-- and go with their retention (vardnav.retention.*). Runs unchanged on H2 and PostgreSQL.
ALTER TABLE letter ALTER COLUMN patient_id SET DATA TYPE VARCHAR(200);
ALTER TABLE letter ALTER COLUMN body_text SET DATA TYPE VARCHAR(600000);
ALTER TABLE letter_document ALTER COLUMN filename SET DATA TYPE VARCHAR(1200);
ALTER TABLE reminder ALTER COLUMN request SET DATA TYPE VARCHAR(12000);
ALTER TABLE reminder ALTER COLUMN patient_id SET DATA TYPE VARCHAR(200);
ALTER TABLE chat_notice ALTER COLUMN phone SET DATA TYPE VARCHAR(200);
ALTER TABLE guest ALTER COLUMN phone SET DATA TYPE VARCHAR(200);
ALTER TABLE guest ALTER COLUMN email SET DATA TYPE VARCHAR(500);
-- the retention purge's lookups
CREATE INDEX sms_send_recorded ON sms_send (recorded_at);
CREATE INDEX withheld_booking_at ON withheld_booking (withheld_at);
