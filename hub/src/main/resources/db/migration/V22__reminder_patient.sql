-- The patient a reminder is for, so the notification policy (register and platform account) is asked
-- again when it fires: a patient who died, emigrated or got protected identity since the booking gets
-- nothing. Personal data at rest like the planned SMS: emptied once the reminder is sent or skipped.
-- checked_at: asked ahead, within the recheck lead before due (a burst due together does not wait for
-- a burst of register calls); a reschedule clears it.
ALTER TABLE reminder ADD COLUMN patient_system VARCHAR(64);
ALTER TABLE reminder ADD COLUMN patient_id VARCHAR(64);
ALTER TABLE reminder ADD COLUMN checked_at TIMESTAMP;
