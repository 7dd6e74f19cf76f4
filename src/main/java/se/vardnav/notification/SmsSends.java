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
        if (gatewayId != null) {
            applyEarlyReport(request.businessKey(), gatewayId);
        }
    }

    /**
     * A receipt pushed by the gateway (SMPP deliver_sm). It follows the SMSC's submit_sm_resp at once and
     * can overtake {@link #accepted}: then it is kept and applied when the acceptance is recorded.
     */
    public void receipt(String gatewayId, String status) {
        if (reported(gatewayId, null, status) > 0) {
            return;
        }
        jdbc.update("INSERT INTO sms_early_report (gateway_id, status, reported_at) VALUES (?, ?, ?)",
                gatewayId, status, Timestamp.from(clock.instant()));
        // accepted() may have recorded the send between the update above and this insert, and not seen it
        if (reported(gatewayId, null, status) > 0) {
            jdbc.update("DELETE FROM sms_early_report WHERE gateway_id = ?", gatewayId);
        }
    }

    private void applyEarlyReport(String businessKey, String gatewayId) {
        List<Object[]> early = jdbc.query("SELECT status, reported_at FROM sms_early_report WHERE gateway_id = ? ORDER BY id DESC",
                (rs, i) -> new Object[] {rs.getString(1), rs.getTimestamp(2)}, gatewayId);
        if (!early.isEmpty()) {
            jdbc.update("UPDATE sms_send SET status = ?, reported_at = ? WHERE business_key = ?", early.get(0)[0], early.get(0)[1], businessKey);
            jdbc.update("DELETE FROM sms_early_report WHERE gateway_id = ?", gatewayId);
        }
    }

    /** A delivery report, found by the gateway's id or by our business key (Kannel echoes the key). */
    public int reported(String gatewayId, String businessKey, String status) {
        Timestamp now = Timestamp.from(clock.instant());
        return businessKey != null
                ? jdbc.update("UPDATE sms_send SET status = ?, reported_at = ? WHERE business_key = ?", status, now, businessKey)
                : jdbc.update("UPDATE sms_send SET status = ?, reported_at = ? WHERE gateway_id = ?", status, now, gatewayId);
    }
}
