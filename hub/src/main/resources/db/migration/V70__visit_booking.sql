-- Runs unchanged on H2 and PostgreSQL.

-- The journal booking a visit belongs to (Encounter.appointment), so that a booking event of a case the patient
-- closed can be refused (se.vardnav.visit.ClosedVisitCases). Visits applied before this migration have none: their
-- bookings are taken as before until the platform sends the visit again.
ALTER TABLE visit ADD COLUMN booking_id VARCHAR(128);
CREATE INDEX visit_booking ON visit (booking_id);
