-- Runs unchanged on H2 and PostgreSQL.

-- Signals to a unit's staff that a patient wrote in a case in its asynchronous phase (se.vardnav.visit.StaffSignals):
-- one per case and unit until staff opened it. open_key is "<visit>|<unit>" while the signal is not opened and NULL
-- after, so the unique index allows one open signal per case and unit, and any number of opened ones.
CREATE TABLE staff_signal (
    signal_id    VARCHAR(64)  NOT NULL PRIMARY KEY,
    visit_id     VARCHAR(64)  NOT NULL,
    unit_hsa_id  VARCHAR(64)  NOT NULL,
    open_key     VARCHAR(140),
    queued       BOOLEAN      NOT NULL,
    created_at   TIMESTAMP    NOT NULL,
    opened_at    TIMESTAMP
);
CREATE UNIQUE INDEX staff_signal_open ON staff_signal (open_key);
CREATE INDEX staff_signal_visit ON staff_signal (visit_id);
