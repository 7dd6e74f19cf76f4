-- Runs unchanged on H2 and PostgreSQL.

-- The intake numbers each visit's Encounter versions as they arrive (se.vardnav.visit.VisitVersions), as
-- booking_intake does for bookings: the row is the lock, and keeps the last content hash (a resend).
CREATE TABLE visit_intake (
    visit_id      VARCHAR(64)  NOT NULL PRIMARY KEY,
    arrivals      BIGINT       NOT NULL,
    last_version  BIGINT,
    last_content  VARCHAR(64)
);

-- What the journal system has been sent of each visit (se.vardnav.visit.VisitJournal): the newest version
-- applied, what that version made known (started, ended, handovers, the note's hash) and what was known before
-- it, so that a redelivered version gives the very same messages again (the broker drops the repeats).
CREATE TABLE visit (
    visit_id       VARCHAR(64)  NOT NULL PRIMARY KEY,
    last_version   BIGINT       NOT NULL,
    state          VARCHAR(400) NOT NULL,
    prev_state     VARCHAR(400) NOT NULL,
    unit_hsa_id    VARCHAR(64)  NOT NULL,
    async_last_day DATE,
    case_closed    BOOLEAN      NOT NULL,
    withheld       VARCHAR(40),
    updated_at     TIMESTAMP    NOT NULL
);
