-- The letter status report filters on source system and creation day; the print log is read newest
-- first and per row of the print list.
CREATE INDEX letter_source_created ON letter (source, created_at);
CREATE INDEX print_log_at ON print_log (at);
CREATE INDEX print_log_item ON print_log (print_item_id);
