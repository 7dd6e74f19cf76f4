-- A booking may have a reminder per recipient (a child's guardians): a cancel finds them all by booking.
CREATE INDEX reminder_booking ON reminder (source, booking_id);
