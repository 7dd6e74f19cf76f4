-- Several hubs on one database: each timer's rows are claimed by one hub (se.vardnav.cluster.RowClaims).
-- claimed_by names the hub (vardnav.cluster.instance); a claim older than vardnav.cluster.claim-lease is a hub
-- that stopped mid-work, and another takes it over.
ALTER TABLE reminder ADD COLUMN claimed_by VARCHAR(200);
-- the check ahead of due (reminder-rechecks) is claimed apart from the firing: a slow register holds only the check
ALTER TABLE reminder ADD COLUMN check_claimed_at TIMESTAMP;
ALTER TABLE letter_escalation ADD COLUMN claimed_by VARCHAR(200);
ALTER TABLE letter_escalation ADD COLUMN claimed_at TIMESTAMP;

-- The letter file drop's read locks (se.vardnav.letter.intake.LetterDropLocks): Camel's JDBC idempotent
-- repository, with its column names. A row is a file a hub is taking now; createdAt is refreshed while it works.
CREATE TABLE letter_drop_lock (
    processorName VARCHAR(255)  NOT NULL,
    messageId     VARCHAR(1000) NOT NULL,
    createdAt     TIMESTAMP     NOT NULL,
    PRIMARY KEY (processorName, messageId)
);
