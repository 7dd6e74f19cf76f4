package se.vardnav.booking;

import ca.uhn.fhir.context.FhirContext;
import org.hl7.fhir.r4.model.Appointment;

import java.util.HashMap;
import java.util.Map;

/** How a booking event travels on the hub's queues: the Appointment as FHIR JSON plus its routing headers. */
public final class BookingEnvelope {
    private BookingEnvelope() {}

    /**
     * @param duplicateId the sender's message id (e.g. MSH-3 + MSH-10): the broker drops a resend with the same id
     */
    public static Map<String, Object> headers(Appointment a, String duplicateId) {
        BookingKey key = BookingKey.of(a);
        Map<String, Object> headers = new HashMap<>();
        headers.put(BookingHeaders.GROUP, key.group());
        headers.put(BookingHeaders.BOOKING_ID, key.bookingId());
        headers.put(BookingHeaders.VERSION, key.version());
        headers.put(BookingHeaders.DUPLICATE_ID, duplicateId != null ? duplicateId : key.group() + "|" + key.version());
        return headers;
    }

    public static String body(FhirContext fhir, Appointment a) {
        return fhir.newJsonParser().encodeResourceToString(a);
    }
}
