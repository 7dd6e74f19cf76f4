-- Letter routing state on top of V8: the letter's text, the journal's protection labels, how it was routed,
-- the operator's service address for a mailbox delivery, and the durable 48-hour timer.
ALTER TABLE letter ADD COLUMN body_text VARCHAR(100000);
ALTER TABLE letter ADD COLUMN security_labels VARCHAR(255);
-- null when the letter may go out electronically; else why it must be printed (control code problem)
ALTER TABLE letter ADD COLUMN code_problem VARCHAR(255);
-- RECEIVED (waiting for routing) | ROUTED | NOT_SENT (e.g. deceased)
ALTER TABLE letter ADD COLUMN routing_status VARCHAR(16) DEFAULT 'RECEIVED' NOT NULL;
ALTER TABLE letter ADD COLUMN routing_detail VARCHAR(255);
ALTER TABLE letter ADD COLUMN routed_at TIMESTAMP;

ALTER TABLE letter_delivery ADD COLUMN service_address VARCHAR(500);

-- A letter delivered to the platform and not opened by due_at (and not received by a mailbox) goes to the print list.
CREATE TABLE letter_escalation (
    letter_id  VARCHAR(64) NOT NULL PRIMARY KEY,
    due_at     TIMESTAMP   NOT NULL,
    status     VARCHAR(16) NOT NULL    -- PENDING | FIRING | PRINTED | SKIPPED
);
CREATE INDEX letter_escalation_due ON letter_escalation (status, due_at);
