package se.vardnav.booking;

import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Identifier;
import se.vardnav.fhir.Fhir;

/**
 * The business key of a booking event: which journal system, which booking, which version. The
 * version ({@link BookingVersion}) is the event's time in the journal system (MSH-7, or meta.lastUpdated
 * over FHIR) and its arrival at the hub's intake; the intake writes it to {@code meta.versionId}.
 */
public record BookingKey(String source, String bookingId, long version) {
    public static final String DEFAULT_SOURCE = "JOURNAL";

    public static BookingKey of(Appointment a) {
        Identifier id = a.getIdentifier().stream()
                .filter(i -> Fhir.JOURNAL_BOOKING_ID.equals(i.getSystem()) && i.hasValue())
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Appointment has no identifier with system " + Fhir.JOURNAL_BOOKING_ID));
        String source = id.hasAssigner() && id.getAssigner().hasDisplay() ? id.getAssigner().getDisplay() : DEFAULT_SOURCE;
        return new BookingKey(source, id.getValue(), versionOf(a));
    }

    /** The version the intake assigned; an event from before the intake numbered them counts as arrival 0 at its event time. */
    static long versionOf(Appointment a) {
        if (a.getMeta().hasVersionId()) {
            try {
                return Long.parseLong(a.getMeta().getVersionId());
            } catch (NumberFormatException notOurs) {
                throw new IllegalArgumentException("Appointment meta.versionId is not a version the hub's intake assigned");
            }
        }
        if (!a.getMeta().hasLastUpdated()) {
            throw new IllegalArgumentException("Appointment has no meta.lastUpdated: the event time orders versions of a booking");
        }
        return BookingVersion.unnumbered(a.getMeta().getLastUpdated().toInstant());
    }

    /** Message group of the booking: its events are consumed in order by one consumer at a time. */
    public String group() {
        return source + "|" + bookingId;
    }
}
