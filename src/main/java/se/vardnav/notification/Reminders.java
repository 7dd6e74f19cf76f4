package se.vardnav.notification;

import ca.uhn.fhir.context.FhirContext;
import org.apache.camel.ProducerTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import se.vardnav.booking.BookingHeaders;
import se.vardnav.booking.BookingKey;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Reminders before video meetings, kept in the database so they survive restarts. Planning a booking's
 * reminder again (a reschedule) replaces the earlier one; when one falls due it is checked against the
 * booking as the platform now has it, and sent only if that is still the version it was planned for.
 */
public class Reminders {
    private final JdbcTemplate jdbc;
    private final FhirContext fhir;
    private final ProducerTemplate producer;
    private final String smsEndpoint;
    private final Clock clock;

    public Reminders(JdbcTemplate jdbc, FhirContext fhir, ProducerTemplate producer, String smsEndpoint, Clock clock) {
        this.jdbc = jdbc;
        this.fhir = fhir;
        this.producer = producer;
        this.smsEndpoint = smsEndpoint;
        this.clock = clock;
    }

    public void plan(BookingKey booking, Instant due, SmsRequest sms) {
        String json = fhir.newJsonParser().encodeResourceToString(sms.toFhir());
        int updated = jdbc.update("UPDATE reminder SET version = ?, due_at = ?, status = 'PENDING', request = ? WHERE booking_key = ? AND version < ?",
                booking.version(), Timestamp.from(due), json, booking.group(), booking.version());
        if (updated == 0 && jdbc.queryForObject("SELECT COUNT(*) FROM reminder WHERE booking_key = ?", Integer.class, booking.group()) == 0) {
            jdbc.update("INSERT INTO reminder (booking_key, source, booking_id, version, due_at, status, request) VALUES (?, ?, ?, ?, ?, 'PENDING', ?)",
                    booking.group(), booking.source(), booking.bookingId(), booking.version(), Timestamp.from(due), json);
        }
    }

    /** Fires every reminder that is due; returns how many were sent. */
    public int fireDue() {
        List<Map<String, Object>> due = jdbc.queryForList(
                "SELECT booking_key, source, booking_id, version, request FROM reminder WHERE status = 'PENDING' AND due_at <= ? ORDER BY due_at",
                Timestamp.from(clock.instant()));
        int sent = 0;
        for (Map<String, Object> r : due) {
            String key = (String) r.get("booking_key");
            // claim it: with several hub instances only one fires a reminder
            if (jdbc.update("UPDATE reminder SET status = 'FIRING' WHERE booking_key = ? AND status = 'PENDING'", key) == 0) {
                continue;
            }
            long version = ((Number) r.get("version")).longValue();
            boolean current = stillCurrent((String) r.get("source"), (String) r.get("booking_id"), version);
            if (current) {
                String request = (String) r.get("request");
                producer.sendBodyAndHeader(smsEndpoint, request, BookingHeaders.DUPLICATE_ID, key + "|" + version + "|reminder");
                sent++;
            }
            jdbc.update("UPDATE reminder SET status = ?, request = NULL WHERE booking_key = ?", current ? "SENT" : "SKIPPED", key);
        }
        return sent;
    }

    /** A cancel (or a booking withheld after delivery) takes back the reminder planned before it. */
    public void cancel(BookingKey booking) {
        jdbc.update("UPDATE reminder SET status = 'SKIPPED', request = NULL WHERE booking_key = ? AND status = 'PENDING' AND version < ?",
                booking.group(), booking.version());
    }

    /**
     * Nothing newer than the planned version has reached the platform, and what it shows is booked
     * (a platform that is behind does not stop a reminder; a cancel there does).
     */
    private boolean stillCurrent(String source, String bookingId, long version) {
        List<Map<String, Object>> link = jdbc.queryForList(
                "SELECT status, last_version FROM booking_link WHERE source = ? AND booking_id = ?", source, bookingId);
        return link.isEmpty() || ("booked".equals(link.get(0).get("status"))
                && ((Number) link.get(0).get("last_version")).longValue() <= version);
    }
}
