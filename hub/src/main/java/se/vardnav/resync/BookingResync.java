package se.vardnav.resync;

import ca.uhn.fhir.context.FhirContext;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;
import org.springframework.jdbc.core.JdbcTemplate;
import se.vardnav.booking.BookingEnvelope;
import se.vardnav.booking.BookingPolicy;
import se.vardnav.booking.BookingVersions;
import se.vardnav.booking.ClosedCaseRule;
import se.vardnav.booking.InvalidBookingException;
import se.vardnav.booking.PolicyDecision;
import se.vardnav.fhir.Fhir;
import se.vardnav.identity.PatientIdentity;
import se.vardnav.visit.VisitPlatform;

import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * "Uppdatera nu": asks the journal system for one patient's bookings ({@link JournalSchedule}: RIV-TA
 * GetSubjectOfCareSchedule or HL7 SQM^S25, the same answer either way) and reconciles the
 * visit platform with them: a booking the platform lacks is created, one that differs is updated, one the journal no
 * longer has is cancelled. Every event goes the streaming flow's way: numbered by {@link BookingVersions} with the time
 * of the journal's answer as event time (so a streamed event newer than the answer wins, an older one loses), decided
 * by the same {@link BookingPolicy} (withheld ones are counted, and taken back from the platform by the policy
 * route), and put on the same queue as bookings from the journal's own messages. A booking of a case the patient
 * closed is not created or updated ({@link ClosedCaseRule}; counted as refused). The answer counts, it never names.
 */
public class BookingResync {
    private final FhirContext fhir;
    private final JournalSchedule schedule;
    private final VisitPlatform platform;
    private final BookingPolicy policy;
    private final ClosedCaseRule closedCases;
    private final BookingVersions versions;
    private final java.util.function.Consumer<List<Event>> queue;
    private final JdbcTemplate jdbc;
    private final String source;
    private final String defaultUnit;
    private final Clock clock;

    public BookingResync(FhirContext fhir, JournalSchedule schedule, VisitPlatform platform, BookingPolicy policy, ClosedCaseRule closedCases,
                         BookingVersions versions, java.util.function.Consumer<List<Event>> queue, JdbcTemplate jdbc, String source,
                         String defaultUnit, Clock clock) {
        this.fhir = fhir;
        this.schedule = schedule;
        this.platform = platform;
        this.policy = policy;
        this.closedCases = closedCases;
        this.versions = versions;
        this.queue = queue;
        this.jdbc = jdbc;
        this.source = source;
        this.defaultUnit = defaultUnit;
        this.clock = clock;
    }

    /**
     * What a resync did: counts only. {@code unchanged} bookings and ones a newer streamed event decides are not counted as
     * changed; {@code refused} are the journal's bookings of cases the patient closed, left as the platform shows them.
     */
    public record Counts(int created, int updated, int cancelled, int withheld, int unchanged, int refused) {}

    public Counts resync(PatientIdentity patient, String unit) {
        String facility = unit == null || unit.isBlank() ? defaultUnit : unit;
        Instant answeredAt = clock.instant();
        List<ScheduledBooking> slots = schedule.bookingsOf(facility, patient);
        Map<String, Appointment> shown = new HashMap<>();
        for (Appointment a : platform.appointmentsOf(patient.system(), patient.value())) {
            if (unit == null || unit.isBlank() || atUnit(a, unit)) {
                bookingId(a).ifPresent(id -> shown.put(id, a));
            }
        }
        int created = 0, updated = 0, cancelled = 0, withheld = 0, unchanged = 0, refused = 0;
        java.util.List<Appointment> outgoing = new java.util.ArrayList<>();
        for (ScheduledBooking slot : slots) {
            if (slot.bookingId() == null || slot.bookingId().isBlank()) {
                continue;
            }
            Appointment event = toAppointment(slot, patient, answeredAt);
            Appointment current = shown.remove(slot.bookingId());
            if (closedCases.refusal(event, "resync").isPresent()) {
                refused++;
                continue;
            }
            PolicyDecision decision = policy.decide(event);
            if (!decision.delivers()) {
                if (send(event, outgoing)) {
                    withheld++;
                }
            } else if (current == null || current.getStatus() == Appointment.AppointmentStatus.CANCELLED && event.getStatus() != Appointment.AppointmentStatus.CANCELLED) {
                if (send(event, outgoing)) {
                    created++;
                }
            } else if (differs(current, event)) {
                if (send(event, outgoing)) {
                    updated++;
                }
            } else {
                unchanged++;
            }
        }
        for (Map.Entry<String, Appointment> gone : shown.entrySet()) {
            if (gone.getValue().getStatus() != Appointment.AppointmentStatus.CANCELLED) {
                if (send(cancellation(gone.getKey(), gone.getValue(), patient, answeredAt), outgoing)) {
                    cancelled++;
                }
            }
        }
        enqueue(outgoing);
        return new Counts(created, updated, cancelled, withheld, unchanged, refused);
    }

    /** A booking event as the booking flow's queue carries it: the FHIR JSON and its group and duplicate id headers. */
    public record Event(String body, Map<String, Object> headers) {}

    /** For the route: the event's headers onto the message being sent; its body as the new body. */
    public String enter(@org.apache.camel.Body Event event, @org.apache.camel.Headers Map<String, Object> message) {
        message.putAll(event.headers());
        return event.body();
    }

    /**
     * On the booking flow's queue, all in one broker transaction, before the answer (route enqueue-appointments-batch,
     * through the queue's one writer): one journal sync instead of one per booking.
     */
    private void enqueue(List<Appointment> events) {
        if (events.isEmpty()) {
            return;
        }
        queue.accept(events.stream().map(e -> new Event(BookingEnvelope.body(fhir, e), BookingEnvelope.headers(e))).toList());
    }

    /** Numbered like a streamed event and kept for the queue; false when a newer streamed event already decides the booking. */
    private boolean send(Appointment event, List<Appointment> outgoing) {
        try {
            versions.assign(event, null, "GetSubjectOfCareSchedule");
        } catch (InvalidBookingException e) {
            throw new IllegalStateException(e.reason());
        }
        long version = Long.parseLong(event.getMeta().getVersionId());
        String bookingId = event.getIdentifierFirstRep().getValue();
        List<Long> applied = jdbc.queryForList("SELECT last_version FROM booking_link WHERE source = ? AND booking_id = ?", Long.class, source, bookingId);
        if (!applied.isEmpty() && applied.get(0) != null && applied.get(0) > version) {
            return false;
        }
        outgoing.add(event);
        return true;
    }

    private Appointment toAppointment(ScheduledBooking slot, PatientIdentity patient, Instant answeredAt) {
        Appointment a = new Appointment();
        a.getMeta().setLastUpdated(Date.from(answeredAt));
        Identifier id = a.addIdentifier().setSystem(Fhir.JOURNAL_BOOKING_ID).setValue(slot.bookingId());
        id.getAssigner().setDisplay(source);
        a.setStatus(Appointment.AppointmentStatus.BOOKED);
        if (slot.start() != null && slot.end() != null) {
            a.setStart(Date.from(slot.start()));
            a.setEnd(Date.from(slot.end()));
            a.setMinutesDuration((int) java.time.Duration.between(slot.start(), slot.end()).toMinutes());
        }
        if (slot.timeTypeId() != null) {
            a.getAppointmentType().addCoding(new Coding(Fhir.JOURNAL_TIME_TYPE, slot.timeTypeId(), slot.timeTypeName()));
        }
        a.addParticipant().setStatus(Appointment.ParticipationStatus.ACCEPTED).setRequired(Appointment.ParticipantRequired.REQUIRED)
                .setActor(new Reference().setType("Patient").setIdentifier(new Identifier().setSystem(patient.system()).setValue(patient.value())));
        if (slot.performerHsaId() != null) {
            participant(a, "Practitioner", slot.performerHsaId(), slot.performerName());
        }
        if (slot.unitHsaId() != null) {
            participant(a, "Location", slot.unitHsaId(), slot.unitName());
        }
        return a;
    }

    private Appointment cancellation(String bookingId, Appointment shown, PatientIdentity patient, Instant answeredAt) {
        Appointment a = new Appointment();
        a.getMeta().setLastUpdated(Date.from(answeredAt));
        Identifier id = a.addIdentifier().setSystem(Fhir.JOURNAL_BOOKING_ID).setValue(bookingId);
        id.getAssigner().setDisplay(source);
        a.setStatus(Appointment.AppointmentStatus.CANCELLED);
        a.setStart(shown.getStart());
        a.setEnd(shown.getEnd());
        a.setMinutesDuration(shown.getMinutesDuration());
        shown.getAppointmentType().getCoding().stream().filter(c -> Fhir.JOURNAL_TIME_TYPE.equals(c.getSystem())).findFirst()
                .ifPresent(c -> a.getAppointmentType().addCoding(c.copy()));
        a.addParticipant().setStatus(Appointment.ParticipationStatus.ACCEPTED).setRequired(Appointment.ParticipantRequired.REQUIRED)
                .setActor(new Reference().setType("Patient").setIdentifier(new Identifier().setSystem(patient.system()).setValue(patient.value())));
        return a;
    }

    private static void participant(Appointment a, String type, String hsaId, String display) {
        a.addParticipant().setStatus(Appointment.ParticipationStatus.ACCEPTED).setRequired(Appointment.ParticipantRequired.REQUIRED)
                .setActor(new Reference().setType(type).setDisplay(display).setIdentifier(new Identifier().setSystem(Fhir.HSA_ID).setValue(hsaId)));
    }

    private static boolean differs(Appointment shown, Appointment journal) {
        return shown.getStatus() != journal.getStatus() || !Objects.equals(shown.getStart(), journal.getStart())
                || !Objects.equals(shown.getEnd(), journal.getEnd());
    }

    private static boolean atUnit(Appointment a, String unit) {
        return a.getParticipant().stream().anyMatch(p -> "Location".equals(p.getActor().getType()) && unit.equals(p.getActor().getIdentifier().getValue()));
    }

    private static java.util.Optional<String> bookingId(Appointment a) {
        return a.getIdentifier().stream().filter(i -> Fhir.JOURNAL_BOOKING_ID.equals(i.getSystem())).map(Identifier::getValue).findFirst();
    }
}
