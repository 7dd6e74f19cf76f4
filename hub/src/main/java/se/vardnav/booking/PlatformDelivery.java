package se.vardnav.booking;

import ca.uhn.fhir.context.FhirContext;
import io.micrometer.core.instrument.MeterRegistry;
import org.hl7.fhir.r4.model.Appointment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.vardnav.connector.platform.PlatformClient;
import se.vardnav.connector.platform.PlatformResult;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Applies a booking event to the visit platform at most once in effect: an event that is not newer
 * than the last applied version of its booking is a duplicate or stale, and is dropped. The check, the platform write
 * and the record of it happen under the booking's intake row lock ({@link BookingLinks#lockBooking}), so two
 * consumers that get events of one booking at once (a message group that moved while its old consumer still held a
 * message: a hub stopping or failing over) apply them one after the other, and the older one is then dropped.
 */
public class PlatformDelivery {
    private static final Logger log = LoggerFactory.getLogger(PlatformDelivery.class);
    private final FhirContext fhir;
    private final BookingLinks links;
    private final PlatformClient platform;
    private final MeterRegistry meters;
    private final TransactionTemplate tx;

    public PlatformDelivery(FhirContext fhir, BookingLinks links, PlatformClient platform, MeterRegistry meters, TransactionTemplate tx) {
        this.tx = tx;
        this.fhir = fhir;
        this.links = links;
        this.platform = platform;
        this.meters = meters;
    }

    public enum Outcome { APPLIED, DUPLICATE, STALE }

    public Outcome deliver(String appointmentJson) {
        Appointment a = fhir.newJsonParser().parseResource(Appointment.class, appointmentJson);
        BookingKey key = BookingKey.of(a);
        return tx.execute(s -> {
            links.lockBooking(key);
            return apply(a, key);
        });
    }

    private Outcome apply(Appointment a, BookingKey key) {
        var link = links.find(key.source(), key.bookingId());
        if (link.isPresent() && key.version() <= link.get().lastVersion()) {
            Outcome outcome = key.version() == link.get().lastVersion() ? Outcome.DUPLICATE : Outcome.STALE;
            meters.counter("vardnav.platform.dropped", "outcome", outcome.name()).increment();
            log.info("Booking {} version {} not applied: {}", key.bookingId(), BookingVersion.toString(key.version()), outcome);
            return outcome;
        }
        // the platform's copy has no version of ours: the hub's link table orders events
        PlatformResult result = platform.upsertAppointment(PlatformAppointment.outbound(a));
        links.applied(key, result.platformId(), a.getStatus().toCode(), a.hasStart() ? a.getStart().toInstant() : null, link.isPresent());
        meters.counter("vardnav.platform.applied", "status", a.getStatus().toCode()).increment();
        log.info("Booking {} {} on the platform as {}", key.bookingId(), result.created() ? "created" : "updated", a.getStatus().toCode());
        return Outcome.APPLIED;
    }
}
