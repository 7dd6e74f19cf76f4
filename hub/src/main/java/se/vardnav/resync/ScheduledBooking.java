package se.vardnav.resync;

import java.time.Instant;

/**
 * One booking in the journal system's answer, whichever protocol brought it (RIV-TA timeslot or HL7 SQR^S25 schedule
 * group): what the reconciliation compares and turns into a booking event. Names are displays for staff, never the
 * patient's.
 *
 * @param start null when the journal gave no time (the event then carries none)
 */
public record ScheduledBooking(String bookingId, Instant start, Instant end, String timeTypeId, String timeTypeName,
                               String performerHsaId, String performerName, String unitHsaId, String unitName) {}
