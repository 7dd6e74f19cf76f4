package se.vardnav.notification;

import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/** What the hub has handed to SMS gateways, by business key: the record that stops a second send. */
public class SmsSends {
    private final JdbcTemplate jdbc;
    private final Clock clock;

    public SmsSends(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public record Send(String businessKey, String gateway, String gatewayId, int segments, String status) {}

    /** One notice as the status report shows it: no number, no text. */
    public record Notice(String businessKey, String bookingId, String template, String gateway, int segments, String status,
                         java.time.Instant acceptedAt, java.time.Instant reportedAt) {}

    public List<Notice> forBooking(String bookingId) {
        return jdbc.query("SELECT business_key, booking_id, template, gateway, segments, status, accepted_at, reported_at "
                        + "FROM sms_send WHERE booking_id = ? ORDER BY accepted_at, business_key",
                (rs, i) -> new Notice(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5),
                        rs.getString(6), rs.getTimestamp(7).toInstant(),
                        rs.getTimestamp(8) == null ? null : rs.getTimestamp(8).toInstant()), bookingId);
    }

    public Optional<Send> find(String businessKey) {
        List<Send> rows = jdbc.query("SELECT business_key, gateway, gateway_id, segments, status FROM sms_send WHERE business_key = ?",
                (rs, i) -> new Send(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4), rs.getString(5)), businessKey);
        return rows.stream().findFirst();
    }

    public void accepted(SmsRequest request, String gateway, String gatewayId, int segments) {
        jdbc.update("INSERT INTO sms_send (business_key, gateway, gateway_id, segments, status, accepted_at, booking_id, template) "
                        + "VALUES (?, ?, ?, ?, 'ACCEPTED', ?, ?, ?)",
                request.businessKey(), gateway, gatewayId, segments, Timestamp.from(clock.instant()), request.bookingId(), request.template());
    }

    /** A delivery report, found by the gateway's id or by our business key (Kannel echoes the key). */
    public int reported(String gatewayId, String businessKey, String status) {
        Timestamp now = Timestamp.from(clock.instant());
        return businessKey != null
                ? jdbc.update("UPDATE sms_send SET status = ?, reported_at = ? WHERE business_key = ?", status, now, businessKey)
                : jdbc.update("UPDATE sms_send SET status = ?, reported_at = ? WHERE gateway_id = ?", status, now, gatewayId);
    }
}
