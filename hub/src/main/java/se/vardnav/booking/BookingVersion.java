package se.vardnav.booking;

import java.time.Instant;

/**
 * The version of a booking event, as one comparable number: the journal system's event time first,
 * then the order in which the hub's intake accepted events of that booking ({@link BookingVersions}).
 * Two events of one booking with the same event time (a sender with second or minute precision) are
 * two versions, the one that arrived later being newer; only the same message has the same version.
 * Every consumer (delivery, notices, reminders, guests, group rooms) compares this one number.
 * <p>
 * Layout: event time in epoch milliseconds shifted left by {@value #ARRIVAL_BITS} bits, the arrival
 * number in the low bits. Arrival 0 is what an event without an assigned version gets (from before
 * the intake numbered them): older than any numbered event with the same time.
 */
public final class BookingVersion {
    static final int ARRIVAL_BITS = 20;
    /** The highest arrival number of one booking (about a million events). */
    public static final long MAX_ARRIVAL = (1L << ARRIVAL_BITS) - 1;
    private static final long MAX_MILLIS = Long.MAX_VALUE >> ARRIVAL_BITS;
    private static final long MIN_MILLIS = Long.MIN_VALUE >> ARRIVAL_BITS;

    private BookingVersion() {}

    public static long of(Instant eventTime, long arrival) {
        long millis = eventTime.toEpochMilli();
        if (millis > MAX_MILLIS || millis < MIN_MILLIS) {
            throw new IllegalArgumentException("event time out of range");
        }
        if (arrival < 0 || arrival > MAX_ARRIVAL) {
            throw new IllegalArgumentException("arrival number out of range");
        }
        return (millis << ARRIVAL_BITS) | arrival;
    }

    /** The version of an event that has no arrival number (arrival 0). */
    public static long unnumbered(Instant eventTime) {
        return of(eventTime, 0);
    }

    public static Instant eventTime(long version) {
        return Instant.ofEpochMilli(version >> ARRIVAL_BITS);
    }

    public static long arrival(long version) {
        return version & MAX_ARRIVAL;
    }

    /** Readable form for logs: event time and arrival, e.g. {@code 2026-11-20T07:00:00Z#3}. */
    public static String toString(long version) {
        return eventTime(version) + "#" + arrival(version);
    }
}
