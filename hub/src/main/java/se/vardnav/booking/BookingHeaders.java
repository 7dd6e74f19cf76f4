package se.vardnav.booking;

/** Message headers the booking routes set and read: one place for their names. */
public final class BookingHeaders {
    private BookingHeaders() {}

    /** JMS message group: one booking's events are consumed in order. */
    public static final String GROUP = "JMSXGroupID";
    /** Artemis duplicate detection: a resent message with the same id is dropped by the broker. */
    public static final String DUPLICATE_ID = "_AMQ_DUPL_ID";
    public static final String BOOKING_ID = "vardnavBookingId";
    public static final String VERSION = "vardnavVersion";
    /** "deliver" or "withheld", set by the policy step. */
    public static final String DECISION = "vardnavDecision";
    /** true when a withheld event must take back what the platform already shows. */
    public static final String RETRACT = "vardnavRetract";
}
