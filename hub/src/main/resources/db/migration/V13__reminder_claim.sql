-- When a hub instance claimed a reminder (status FIRING). A claim older than the claim timeout
-- belongs to an instance that stopped between claiming and handing the reminder on: another
-- instance (or the same one after a restart) fires it again; broker duplicate detection and the
-- SMS business key keep that from becoming a second SMS.
ALTER TABLE reminder ADD COLUMN claimed_at TIMESTAMP;
