package se.vardnav.booking;

import se.vardnav.broker.HubHeaders;
import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import org.apache.camel.Exchange;
import org.hl7.fhir.r4.model.Appointment;

/**
 * The steps of the policy route between the hub's booking queue and the platform's queue:
 * decide, then either record what was withheld or prepare what the platform receives.
 */
public class BookingGate {
    private static final String DECISION_PROPERTY = HubHeaders.POLICY_DECISION_PROPERTY;
    private static final String EVENT_PROPERTY = HubHeaders.BOOKING_EVENT_PROPERTY;
    private final FhirContext fhir;
    private final BookingPolicy policy;
    private final WithheldBookings withheld;
    private final GroupRooms groupRooms;
    private final BookingLinks links;

    public BookingGate(FhirContext fhir, BookingPolicy policy, WithheldBookings withheld, GroupRooms groupRooms, BookingLinks links) {
        this.fhir = fhir;
        this.policy = policy;
        this.withheld = withheld;
        this.groupRooms = groupRooms;
        this.links = links;
    }

    public void decide(Exchange exchange) {
        Appointment a = parse(exchange.getMessage().getBody(String.class));
        exchange.setProperty(EVENT_PROPERTY, a);
        PolicyDecision decision = policy.decide(a);
        exchange.setProperty(DECISION_PROPERTY, decision);
        exchange.getMessage().setHeader(HubHeaders.DECISION, decision.delivers() ? "deliver" : "withheld");
    }

    /**
     * Records why the event was withheld. If the platform already shows the booking (it became
     * protected, blocked or hidden after it was sent), a retraction is prepared for the platform:
     * the booking cancelled there, without the patient.
     */
    public void recordWithheld(Exchange exchange) {
        Appointment a = event(exchange);
        PolicyDecision decision = exchange.getProperty(DECISION_PROPERTY, PolicyDecision.class);
        BookingKey key = BookingKey.of(a);
        withheld.record(key, decision, BookingPolicy.timeTypeOf(a));
        groupRooms.leave(key);
        boolean shownOnPlatform = links.find(key.source(), key.bookingId())
                .map(link -> !Appointment.AppointmentStatus.CANCELLED.toCode().equals(link.status())).orElse(false);
        exchange.getMessage().setHeader(HubHeaders.RETRACT, shownOnPlatform);
        if (shownOnPlatform) {
            exchange.getMessage().setBody(json().encodeResourceToString(PlatformAppointment.retraction(a)));
        }
    }

    public void prepareForPlatform(Exchange exchange) {
        Appointment a = event(exchange);
        PolicyDecision decision = exchange.getProperty(DECISION_PROPERTY, PolicyDecision.class);
        BookingKey key = BookingKey.of(a);
        String roomKey = null;
        if (decision.rule().handling() == TimeTypeRule.Handling.GROUP_VIDEO && a.hasStart()) {
            roomKey = PlatformAppointment.resourceHsaId(a)
                    .map(hsa -> GroupRooms.roomKey(hsa, a.getStart().toInstant())).orElse(null);
        }
        if (isCancelled(a) || roomKey == null) {
            groupRooms.leave(key);
        } else if (roomKey != null) {
            groupRooms.join(roomKey, key);
        }
        exchange.getMessage().setBody(json().encodeResourceToString(PlatformAppointment.prepare(a, decision.rule(), roomKey)));
    }

    static boolean isCancelled(Appointment a) {
        return a.getStatus() == Appointment.AppointmentStatus.CANCELLED
                || a.getStatus() == Appointment.AppointmentStatus.NOSHOW
                || a.getStatus() == Appointment.AppointmentStatus.ENTEREDINERROR;
    }

    private Appointment event(Exchange exchange) {
        Appointment a = exchange.getProperty(EVENT_PROPERTY, Appointment.class);
        return a != null ? a : parse(exchange.getMessage().getBody(String.class));
    }

    private Appointment parse(String json) {
        return json().parseResource(Appointment.class, json);
    }

    private IParser json() {
        return fhir.newJsonParser();
    }
}
