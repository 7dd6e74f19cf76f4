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

    public Optional<Send> find(String businessKey) {
        List<Send> rows = jdbc.query("SELECT business_key, gateway, gateway_id, segments, status FROM sms_send WHERE business_key = ?",
                (rs, i) -> new Send(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4), rs.getString(5)), businessKey);
        return rows.stream().findFirst();
    }

    public void accepted(String businessKey, String gateway, String gatewayId, int segments) {
        jdbc.update("INSERT INTO sms_send (business_key, gateway, gateway_id, segments, status, accepted_at) VALUES (?, ?, ?, ?, 'ACCEPTED', ?)",
                businessKey, gateway, gatewayId, segments, Timestamp.from(clock.instant()));
    }

    /** A delivery report, found by the gateway's id or by our business key (Kannel echoes the key). */
    public int reported(String gatewayId, String businessKey, String status) {
        Timestamp now = Timestamp.from(clock.instant());
        return businessKey != null
                ? jdbc.update("UPDATE sms_send SET status = ?, reported_at = ? WHERE business_key = ?", status, now, businessKey)
                : jdbc.update("UPDATE sms_send SET status = ?, reported_at = ? WHERE gateway_id = ?", status, now, gatewayId);
    }
}
