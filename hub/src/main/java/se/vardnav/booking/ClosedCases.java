package se.vardnav.booking;

/**
 * Whether a journal booking belongs to a case the patient closed on the visit platform. The visit flow knows (it
 * applies the platform's Encounters); the booking intakes ask through this interface, so that bookings need not
 * know visits.
 */
@FunctionalInterface
public interface ClosedCases {
    /** True when the newest visit applied for this booking id says the patient closed its case. */
    boolean closed(String bookingId);
}
