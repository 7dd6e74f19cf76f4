package se.vardnav.console.journey;

import org.springframework.jdbc.core.JdbcTemplate;
import se.vardnav.booking.WithheldBookings;
import se.vardnav.identity.SafeText;
import se.vardnav.console.deadletter.DeadLetter;
import se.vardnav.deadletter.DeadLetterHistory;
import se.vardnav.console.deadletter.DeadLetterQueues;
import se.vardnav.console.deadletter.DeadLetterSearch;
import se.vardnav.notification.SmsSends;
import se.vardnav.notification.email.EmailSends;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Everything the hub did with one booking or letter, in time order, from its own records: received and
 * acknowledged, the policy's decision, the platform write, SMS and e-mail planned, sent and reported, reminders,
 * letters routed, delivered, escalated and printed, and dead letters. A withheld booking shows that it was
 * withheld and why, nothing more. Reads only ids, statuses, times and reasons.
 */
public class Journey {
    private static final String DLQ_LINK = "/console/dead-letters?key=";
    private final JdbcTemplate jdbc;
    private final WithheldBookings withheld;
    private final SmsSends sms;
    private final EmailSends email;
    private final DeadLetterHistory deadLetters;
    private final DeadLetterQueues queues;

    public Journey(JdbcTemplate jdbc, WithheldBookings withheld, SmsSends sms, EmailSends email, DeadLetterHistory deadLetters,
                   DeadLetterQueues queues) {
        this.jdbc = jdbc;
        this.withheld = withheld;
        this.sms = sms;
        this.email = email;
        this.deadLetters = deadLetters;
        this.queues = queues;
    }

    /** What was found for the id: a booking, letters, or nothing. */
    public record Result(String id, boolean booking, List<String> letterIds, List<JourneyEvent> events) {
        public boolean found() {
            return !events.isEmpty();
        }
    }

    public Result of(String id) {
        String key = id == null ? "" : id.strip();
        List<JourneyEvent> events = new ArrayList<>();
        if (key.isEmpty()) {
            return new Result(key, false, List.of(), events);
        }
        boolean booking = booking(key, events);
        List<String> letters = new ArrayList<>(jdbc.queryForList("SELECT id FROM letter WHERE id = ? OR source_letter_id = ?",
                String.class, key, key));
        if (booking) {
            letters.addAll(jdbc.queryForList("SELECT id FROM letter WHERE booking_id = ? ORDER BY created_at", String.class, key));
        }
        letters.stream().distinct().forEach(letterId -> letter(letterId, events));
        deadLetters(key, events);
        letters.stream().filter(l -> !l.equals(key)).distinct().forEach(l -> deadLetters(l, events));
        events.sort(Comparator.comparing(JourneyEvent::at).thenComparingInt(JourneyEvent::rank));
        return new Result(key, booking, letters.stream().distinct().toList(), events);
    }

    private boolean booking(String id, List<JourneyEvent> events) {
        int before = events.size();
        for (Map<String, Object> r : jdbc.queryForList("SELECT source, message_id, version, received_at FROM intake_message "
                + "WHERE booking_id = ? ORDER BY received_at", id)) {
            events.add(event(r.get("received_at"), 0, id, "received", r.get("source"), r.get("message_id")));
        }
        for (Map<String, Object> r : jdbc.queryForList("SELECT DISTINCT source FROM booking_intake WHERE booking_id = ? "
                + "UNION SELECT DISTINCT source FROM withheld_booking WHERE booking_id = ?", id, id)) {
            for (Map<String, Object> w : withheld.reasonsFor(str(r.get("source")), id)) {
                events.add(event(w.get("withheld_at"), 1, id, "withheld", w.get("reason")));
            }
        }
        for (Map<String, Object> r : jdbc.queryForList("SELECT source, platform_id, status, updated_at FROM booking_link WHERE booking_id = ?", id)) {
            events.add(event(r.get("updated_at"), 2, id, "platform", r.get("status"), r.get("platform_id")));
        }
        for (SmsSends.Notice n : sms.forBooking(id)) {
            smsEvents(id, n, events);
        }
        for (EmailSends.Sent e : email.forBooking(id)) {
            events.add(new JourneyEvent(e.sentAt(), 5, id, "email-sent", List.of(str(e.template()), e.businessKey()), null));
        }
        for (Map<String, Object> r : jdbc.queryForList("SELECT due_at, status FROM reminder WHERE booking_id = ?", id)) {
            events.add(event(r.get("due_at"), 6, id, "reminder", r.get("status")));
        }
        return events.size() > before;
    }

    private void smsEvents(String subject, SmsSends.Notice n, List<JourneyEvent> events) {
        String template = str(n.template());
        if (n.recordedAt() != null) {
            events.add(new JourneyEvent(n.recordedAt(), 3, subject, "sms-planned", List.of(template, n.businessKey()), null));
        }
        if (n.acceptedAt() != null) {
            events.add(new JourneyEvent(n.acceptedAt(), 4, subject, "sms-sent", List.of(template, str(n.gateway()), String.valueOf(n.segments())), null));
        }
        if (n.reportedAt() != null) {
            events.add(new JourneyEvent(n.reportedAt(), 5, subject, "sms-reported", List.of(template, n.status()), null));
        }
        if ("NOT_SENT".equals(n.status()) || "REJECTED".equals(n.status())) {
            Instant at = n.recordedAt() != null ? n.recordedAt() : Instant.EPOCH;
            events.add(new JourneyEvent(at, 5, subject, "sms-not-sent", List.of(template, str(SafeText.scrub(n.reason()))), null));
        }
    }

    private void letter(String id, List<JourneyEvent> events) {
        for (Map<String, Object> r : jdbc.queryForList("SELECT kind, source, created_at, routing_status, routing_detail, routed_at, "
                + "platform_delivered_at, platform_opened_at, mailbox, mailbox_delivered_at FROM letter WHERE id = ?", id)) {
            events.add(event(r.get("created_at"), 10, id, "letter-received", r.get("kind"), r.get("source")));
            if (r.get("routed_at") != null) {
                events.add(event(r.get("routed_at"), 11, id, "letter-routed", r.get("routing_status"), scrub(r.get("routing_detail"))));
            }
            if (r.get("platform_delivered_at") != null) {
                events.add(event(r.get("platform_delivered_at"), 13, id, "letter-platform"));
            }
            if (r.get("mailbox_delivered_at") != null) {
                events.add(event(r.get("mailbox_delivered_at"), 13, id, "letter-mailbox", r.get("mailbox")));
            }
            if (r.get("platform_opened_at") != null) {
                events.add(event(r.get("platform_opened_at"), 15, id, "letter-opened"));
            }
        }
        for (Map<String, Object> r : jdbc.queryForList("SELECT channel, status, detail, updated_at, attempts FROM letter_delivery "
                + "WHERE letter_id = ?", id)) {
            events.add(event(r.get("updated_at"), 12, id, "letter-delivery", r.get("channel"), r.get("status"),
                    scrub(r.get("detail")), r.get("attempts")));
        }
        jdbc.query("SELECT business_key, booking_id, template, gateway, segments, status, "
                        + "recorded_at, accepted_at, reported_at, reason FROM sms_send WHERE business_key = ?",
                (rs, n) -> new SmsSends.Notice(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5),
                        rs.getString(6), instant(rs.getTimestamp(7)), instant(rs.getTimestamp(8)), instant(rs.getTimestamp(9)),
                        rs.getString(10)), "letter|" + id).forEach(n -> smsEvents(id, n, events));
        for (Map<String, Object> r : jdbc.queryForList("SELECT due_at, status FROM letter_escalation WHERE letter_id = ?", id)) {
            events.add(event(r.get("due_at"), 16, id, "letter-escalation", r.get("status")));
        }
        for (Map<String, Object> r : jdbc.queryForList("SELECT id, created_at, reason, status, handled_at FROM print_item WHERE letter_id = ?", id)) {
            events.add(event(r.get("created_at"), 17, id, "letter-print", scrub(r.get("reason")), r.get("id")));
            if (r.get("handled_at") != null) {
                events.add(event(r.get("handled_at"), 18, id, "letter-print-handled", r.get("id")));
            }
        }
    }

    private void deadLetters(String key, List<JourneyEvent> events) {
        for (DeadLetterHistory.Event e : deadLetters.byKey(key)) {
            events.add(new JourneyEvent(e.at(), 19, key, "dead-letter", List.of(e.queue(), str(e.reason())), DLQ_LINK + key));
        }
        for (DeadLetter d : queues.search(new DeadLetterSearch(key, null, null, null, null))) {
            events.add(new JourneyEvent(d.deadAt(), 20, key, "dead-letter-waiting", List.of(d.queue()), DLQ_LINK + key));
        }
    }

    private static JourneyEvent event(Object at, int rank, String subject, String kind, Object... args) {
        List<String> list = new ArrayList<>();
        for (Object a : args) {
            list.add(str(a));
        }
        return new JourneyEvent(time(at), rank, subject, kind, list, null);
    }

    private static Instant time(Object at) {
        if (at instanceof Timestamp t) {
            return t.toInstant();
        }
        if (at instanceof java.time.OffsetDateTime o) {
            return o.toInstant();
        }
        if (at instanceof java.time.LocalDateTime l) {
            return Timestamp.valueOf(l).toInstant();
        }
        return Instant.EPOCH;
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    private static String scrub(Object o) {
        return o == null ? "" : SafeText.scrub(o.toString());
    }

    private static String str(Object o) {
        return o == null ? "" : o.toString();
    }
}
