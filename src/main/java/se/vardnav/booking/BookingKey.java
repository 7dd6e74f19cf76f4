package se.vardnav.booking;

import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Identifier;
import se.vardnav.fhir.Fhir;

/**
 * The business key of a booking event: which journal system, which booking, which version. The
 * version is the event's time in the journal system (MSH-7, or meta.lastUpdated over FHIR): a later
 * event is a newer version.
 */
public record BookingKey(String source, String bookingId, long version) {
    public static final String DEFAULT_SOURCE = "JOURNAL";

    public static BookingKey of(Appointment a) {
        Identifier id = a.getIdentifier().stream()
                .filter(i -> Fhir.JOURNAL_BOOKING_ID.equals(i.getSystem()) && i.hasValue())
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Appointment has no identifier with system " + Fhir.JOURNAL_BOOKING_ID));
        String source = id.hasAssigner() && id.getAssigner().hasDisplay() ? id.getAssigner().getDisplay() : DEFAULT_SOURCE;
        if (!a.getMeta().hasLastUpdated()) {
            throw new IllegalArgumentException("Appointment has no meta.lastUpdated: the event time orders versions of a booking");
        }
        return new BookingKey(source, id.getValue(), a.getMeta().getLastUpdated().getTime());
    }

    /** Message group of the booking: its events are consumed in order by one consumer at a time. */
    public String group() {
        return source + "|" + bookingId;
    }
}
