-- Digital mailboxes on the published contracts (connectors/mailbox/README.md).
-- The journal's control code ([4US:LPAT], [4US:RPAT]) is metadata: it decides the kind and is kept here,
-- never in the text the patient reads (body_text).
ALTER TABLE letter ADD COLUMN control_code VARCHAR(64);
-- why the letter did not go to the patient's digital mailbox (e.g. over Kivra's 1 MB), for the status report
ALTER TABLE letter ADD COLUMN mailbox_note VARCHAR(255);
-- letters stored before: the code moves out of the text
UPDATE letter SET control_code = '[4US:LPAT]', body_text = REPLACE(body_text, '[4US:LPAT]', '')
    WHERE control_code IS NULL AND body_text LIKE '%[4US:LPAT]%';
UPDATE letter SET control_code = '[4US:RPAT]', body_text = REPLACE(body_text, '[4US:RPAT]', '')
    WHERE control_code IS NULL AND body_text LIKE '%[4US:RPAT]%';

-- The appointment a kallelse is about, as the journal sent it (CommunicationRequest.about -> Appointment):
-- what a digital mailbox shows as the booking (Kivra's booking object). Nothing sensitive by contract.
CREATE TABLE letter_appointment (
    letter_id    VARCHAR(64)  NOT NULL PRIMARY KEY,
    title        VARCHAR(255) NOT NULL,
    start_at     TIMESTAMP    NOT NULL,
    end_at       TIMESTAMP,
    location     VARCHAR(255),
    description  VARCHAR(1000)
);

-- A mailbox delivery is recorded before it is sent (attempts, last attempt) and after the operator took it
-- (its transaction id): an accepted letter is never sent again, also after a restart. The count is
-- letter_delivery.attempts (V32), per channel: on a mailbox row every send counts.
ALTER TABLE letter_delivery ADD COLUMN attempted_at TIMESTAMP;
ALTER TABLE letter_delivery ADD COLUMN transaction_id VARCHAR(128);
