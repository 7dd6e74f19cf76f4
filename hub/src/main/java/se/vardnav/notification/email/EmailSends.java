package se.vardnav.notification.email;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/** What the hub has handed to the SMTP server, by business key: the record that stops a second send. */
public class EmailSends {
    private final JdbcTemplate jdbc;
    private final Clock clock;

    public EmailSends(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** One e-mail as the status report shows it: no address, no text. */
    public record Sent(String businessKey, String bookingId, String template, String status, Instant sentAt) {}

    public boolean sent(String businessKey) {
        Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM email_send WHERE business_key = ?", Integer.class, businessKey);
        return n != null && n > 0;
    }

    public void accepted(EmailRequest request) {
        try {
            jdbc.update("INSERT INTO email_send (business_key, booking_id, template, status, sent_at) VALUES (?, ?, ?, 'SENT', ?)",
                    request.businessKey(), request.bookingId(), request.template(), Timestamp.from(clock.instant()));
        } catch (DuplicateKeyException concurrentlySent) {
            // recorded already: nothing more to say
        }
    }

    public List<Sent> forBooking(String bookingId) {
        return jdbc.query("SELECT business_key, booking_id, template, status, sent_at FROM email_send WHERE booking_id = ? ORDER BY sent_at, business_key",
                (rs, i) -> new Sent(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getTimestamp(5).toInstant()),
                bookingId);
    }
}
