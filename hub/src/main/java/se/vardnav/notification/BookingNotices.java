package se.vardnav.notification;

import se.vardnav.broker.HubHeaders;
import ca.uhn.fhir.context.FhirContext;
import io.micrometer.core.instrument.MeterRegistry;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Identifier;
import org.springframework.jdbc.core.JdbcTemplate;
import se.vardnav.booking.AppointmentPatient;
import se.vardnav.booking.BookingKey;
import se.vardnav.booking.BookingPolicy;
import se.vardnav.booking.PlatformAppointment;
import se.vardnav.fhir.Fhir;

import java.time.Clock;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What the patient is told by SMS about a booking: confirmation of a new booking, a change, a
 * cancellation (a letter already sent does not update itself), and the reminder before a video meeting
 * (planned here, sent by {@link Reminders} when due). Runs after the platform has applied the event
 * (platform-delivery), so what the patient is told is what the platform shows: a change the platform
 * refused, or that waits in a dead-letter queue, tells nobody anything. Withheld bookings never get here
 * (the policy route sends them nowhere, or only their retraction, which has no trigger event); each
 * notice then passes the {@link NotificationPolicy} (blocked account, reservnummer, a child's guardians, ...).
 */
public class BookingNotices {
    private static final String NOTIFY = HubHeaders.NOTIFY;
    static final String REMINDER = "reminder-video";
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");
    private final FhirContext fhir;
    private final SmsTemplates templates;
    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final ZoneId zone;
    private final MeterRegistry meters;
    private final Reminders reminders;
    private final java.time.Duration reminderBefore;
    private final NotificationPolicy policy;

    public BookingNotices(FhirContext fhir, SmsTemplates templates, JdbcTemplate jdbc, Clock clock, ZoneId zone, MeterRegistry meters,
                          Reminders reminders, java.time.Duration reminderBefore, NotificationPolicy policy) {
        this.policy = policy;
        this.fhir = fhir;
        this.templates = templates;
        this.jdbc = jdbc;
        this.clock = clock;
        this.zone = zone;
        this.meters = meters;
        this.reminders = reminders;
        this.reminderBefore = reminderBefore;
    }

    /**
     * The SMS to queue for the booking as the platform has just applied it (or had already: the same version
     * redelivered); platform-delivery queues them.
     */
    public List<SmsRequest> plan(String appliedAppointmentJson) {
        Appointment applied = fhir.newJsonParser().parseResource(Appointment.class, appliedAppointmentJson);
        return decide(applied, PlatformAppointment.isVideo(applied));
    }

    /**
     * The SMS to send now (one per recipient: the patient, or a child's guardians), reminders planned
     * as a side effect. The notification policy is asked before anything is recorded, so an event that
     * waits for the register is planned afresh when it is retried.
     */
    List<SmsRequest> decide(Appointment event, boolean video) {
        BookingKey key = BookingKey.of(event);
        boolean cancelling = event.getStatus() != Appointment.AppointmentStatus.BOOKED;
        if (cancelling) {
            // also for a retraction (no trigger event): the platform no longer shows the booking
            reminders.cancel(key);
        }
        String trigger = trigger(event);
        if (trigger == null) {
            return List.of();
        }
        String template = template(trigger, video);
        boolean remind = !cancelling && video;
        if (template == null && !remind) {
            return List.of();
        }
        Optional<Identifier> patient = BookingPolicy.patientIdentifier(event);
        String phone = patientPhone(event).map(e -> ((ContactPoint) e.getValue()).getValue()).orElse(null);
        NotificationPolicy.Decision who = policy.decide(patient.map(Identifier::getSystem).orElse(null),
                patient.map(Identifier::getValue).orElse(null), phone, template != null ? template : REMINDER, NotificationPolicy.Path.BOOKING);
        if (!who.sends()) {
            return List.of();
        }
        if (!newerThanLastNotice(key)) {
            skipped("stale");
            return List.of();
        }
        if (remind && template != null && who.protectedIdentity() && !templates.allowsProtectedIdentity(REMINDER)) {
            remind = false;
            skipped("protected-identity");
        }
        ZonedDateTime start = event.getStart().toInstant().atZone(zone);
        Map<String, String> values = Map.of("datum", DATE.format(start), "tid", TIME.format(start),
                "veckodag", start.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.forLanguageTag("sv")));
        List<SmsRequest> now = new ArrayList<>();
        for (NotificationPolicy.Recipient r : who.recipients()) {
            if (remind) {
                String t = r.guardian() ? templates.forGuardian(REMINDER) : REMINDER;
                reminders.plan(key, patient.map(p -> new Reminders.Patient(p.getSystem(), p.getValue())).orElse(null), r.key(),
                        start.toInstant().minus(reminderBefore), request(key, r, t, templates.render(t, values)));
            }
            if (template != null) {
                String t = r.guardian() ? templates.forGuardian(template) : template;
                meters.counter("vardnav.notices.planned", "template", t).increment();
                now.add(request(key, r, t, templates.render(t, values)));
            }
        }
        return now;
    }

    /** The patient's key is as before; a guardian's adds its pseudonym, so each guardian's SMS is sent once. */
    private static SmsRequest request(BookingKey key, NotificationPolicy.Recipient to, String template, String text) {
        String businessKey = key.group() + "|" + key.version() + "|" + template + (to.guardian() ? "|" + to.key() : "");
        return new SmsRequest(businessKey, to.phone(), text, key.bookingId(), template);
    }

    private static String template(String trigger, boolean video) {
        return switch (trigger) {
            case "S12" -> video ? "booking-confirmation-video" : "booking-confirmation";
            case "S13" -> "booking-changed";
            case "S15", "S17" -> "booking-cancelled";
            default -> null;
        };
    }

    /**
     * Not older than the last version the patient was told about. The same version again is this very
     * event redelivered (a crash before its SMS were queued): planned again under the same business keys,
     * which the SMS dispatch sends once.
     */
    private boolean newerThanLastNotice(BookingKey key) {
        int updated = jdbc.update("UPDATE booking_notice SET last_version = ? WHERE source = ? AND booking_id = ? AND last_version <= ?",
                key.version(), key.source(), key.bookingId(), key.version());
        if (updated > 0) {
            return true;
        }
        Integer known = jdbc.queryForObject("SELECT COUNT(*) FROM booking_notice WHERE source = ? AND booking_id = ?",
                Integer.class, key.source(), key.bookingId());
        if (known != null && known > 0) {
            return false;
        }
        jdbc.update("INSERT INTO booking_notice (source, booking_id, last_version) VALUES (?, ?, ?)", key.source(), key.bookingId(), key.version());
        return true;
    }

    private static String trigger(Appointment a) {
        Extension e = a.getExtensionByUrl(Fhir.EXT_TRIGGER_EVENT);
        return e == null ? null : e.getValue().primitiveValue();
    }

    private static Optional<Extension> patientPhone(Appointment a) {
        return AppointmentPatient.of(a).patient().map(p -> p.participant().getExtensionByUrl(Fhir.EXT_NOTIFICATION_PHONE));
    }

    private void skipped(String why) {
        meters.counter("vardnav.notices.skipped", "reason", why).increment();
    }
}
