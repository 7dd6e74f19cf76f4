package se.vardnav.booking;

import io.micrometer.core.instrument.MeterRegistry;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Identifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.vardnav.fhir.Fhir;

import java.util.Optional;

/**
 * A case the patient closed accepts no more bookings (docs/decisions.md, "A closed case refuses bookings, not their
 * cancellation"): a booking event for a booking whose visit's case is closed is refused with a reason, before it is
 * numbered or queued, whatever way it came (SIU, FHIR, resync). A cancellation is still taken: it only takes
 * something away from the patient's view and the staff's calendar, and refusing it would leave a booking standing
 * that the journal no longer has. Each refusal is counted ({@code vardnav.bookings.refused{reason=case-closed}}).
 */
public class ClosedCaseRule {
    private static final Logger log = LoggerFactory.getLogger(ClosedCaseRule.class);
    private final ClosedCases cases;
    private final MeterRegistry meters;

    public ClosedCaseRule(ClosedCases cases, MeterRegistry meters) {
        this.cases = cases;
        this.meters = meters;
    }

    /** Why this booking event is refused, or empty when it may go on; counts and logs (ids only) a refusal. */
    public Optional<String> refusal(Appointment event, String via) {
        if (event.getStatus() == Appointment.AppointmentStatus.CANCELLED) {
            return Optional.empty();
        }
        Optional<String> bookingId = event.getIdentifier().stream().filter(i -> Fhir.JOURNAL_BOOKING_ID.equals(i.getSystem()))
                .map(Identifier::getValue).filter(v -> v != null && !v.isBlank()).findFirst();
        if (bookingId.isEmpty() || !cases.closed(bookingId.get())) {
            return Optional.empty();
        }
        meters.counter("vardnav.bookings.refused", "reason", "case-closed").increment();
        log.warn("Booking {} refused ({}): the patient closed its case on the visit platform", bookingId.get(), via);
        return Optional.of(reason(bookingId.get()));
    }

    /** The reason a sender reads (ACK ERR-8/MSA-3, OperationOutcome): the booking id, never a person. */
    static String reason(String bookingId) {
        return "booking " + bookingId + " belongs to a case the patient closed on the visit platform: it accepts no more bookings"
                + " (a cancellation is still taken)";
    }
}
