-- While a hub hands an SMS to the gateway, its PENDING row is its own until sending_until: a second consumer given
-- the same message meanwhile (the broker redelivers a failed-over session's message while the first consumer is
-- still calling the gateway) waits instead of sending it too. NULL: nobody is sending it now.
ALTER TABLE sms_send ADD COLUMN sending_until TIMESTAMP;
