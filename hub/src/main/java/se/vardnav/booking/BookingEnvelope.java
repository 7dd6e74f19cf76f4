package se.vardnav.booking;

import se.vardnav.broker.HubHeaders;
import ca.uhn.fhir.context.FhirContext;
import org.hl7.fhir.r4.model.Appointment;

import java.util.HashMap;
import java.util.Map;

/** How a booking event travels on the hub's queues: the Appointment as FHIR JSON plus its routing headers. */
public final class BookingEnvelope {
    private BookingEnvelope() {}

    /**
     * The event's group (one booking's events in order) and its duplicate id: booking and version, which
     * the intake ({@link BookingVersions}) gives a resend as it gave the first, so the broker drops it.
     */
    public static Map<String, Object> headers(Appointment a) {
        BookingKey key = BookingKey.of(a);
        Map<String, Object> headers = new HashMap<>();
        headers.put(HubHeaders.GROUP, key.group());
        headers.put(HubHeaders.BOOKING_ID, key.bookingId());
        headers.put(HubHeaders.VERSION, key.version());
        headers.put(HubHeaders.DUPLICATE_ID, key.group() + "|" + key.version());
        return headers;
    }

    public static String body(FhirContext fhir, Appointment a) {
        return fhir.newJsonParser().encodeResourceToString(a);
    }
}
