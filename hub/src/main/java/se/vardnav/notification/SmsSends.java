package se.vardnav.notification;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import se.vardnav.connector.sms.DeliveryReport;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the hub has handed to SMS gateways, by business key: the record that stops a second send, and what the
 * gateways reported. A send is recorded (PENDING) before the gateway is called, so a report that overtakes the
 * gateway's answer finds it. A report that matches no send yet (SMPP receipts name only the SMSC's id, which the
 * hub learns from the answer) is kept in {@code sms_report} and applied when the send is recorded: one mechanism
 * for every gateway. Statuses only move forwards ({@link SmsStatus}).
 */
public class SmsSends {
    private static final int REASON_MAX = 500;
    private final JdbcTemplate jdbc;
    private final Clock clock;

    public SmsSends(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public record Send(String businessKey, String gateway, String gatewayId, int segments, String status, String reason) {
        /** The gateway has it (or had it and said so): sending it again would send it twice. */
        public boolean taken() {
            return SmsStatus.valueOf(status).taken();
        }
    }

    /** One notice as the status report shows it: no number, no text. */
    public record Notice(String businessKey, String bookingId, String template, String gateway, int segments, String status,
                         Instant recordedAt, Instant acceptedAt, Instant reportedAt, String reason) {}

    /** Whether a report found its send at once, or was kept for a send not recorded yet. */
    public enum ReportOutcome { APPLIED, KEPT }

    public List<Notice> forBooking(String bookingId) {
        return jdbc.query("SELECT business_key, booking_id, template, gateway, segments, status, recorded_at, accepted_at, reported_at, reason "
                        + "FROM sms_send WHERE booking_id = ? ORDER BY recorded_at, business_key",
                (rs, i) -> new Notice(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5),
                        rs.getString(6), instant(rs.getTimestamp(7)), instant(rs.getTimestamp(8)), instant(rs.getTimestamp(9)),
                        rs.getString(10)), bookingId);
    }

    public Optional<Send> find(String businessKey) {
        List<Send> rows = jdbc.query("SELECT business_key, gateway, gateway_id, segments, status, reason FROM sms_send WHERE business_key = ?",
                (rs, i) -> new Send(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4), rs.getString(5), rs.getString(6)),
                businessKey);
        return rows.stream().findFirst();
    }

    /**
     * How long a hub's hand-over of one SMS to the gateway is its own: longer than a gateway call can take (its
     * connect and answer timeouts are seconds). After a crash mid-call the SMS is sent again once this has passed.
     */
    static final Duration SENDING_LEASE = Duration.ofSeconds(30);

    /**
     * Records that the hub is about to hand this SMS to the gateway, and takes the hand-over for {@link #SENDING_LEASE}.
     * A send that was not taken before (not sent, rejected, or left pending by a failed try) is pending again; one the
     * gateway has is left alone. False when the gateway has it or another consumer is handing it over right now: a
     * broker failover redelivers a message of the failed-over session to another consumer while the first one may
     * still be calling the gateway, and both would send it.
     */
    public boolean pending(SmsRequest request, String gateway, int segments) {
        Instant at = clock.instant();
        Timestamp now = Timestamp.from(at);
        Timestamp until = Timestamp.from(at.plus(SENDING_LEASE));
        int reset = jdbc.update("UPDATE sms_send SET status = 'PENDING', reason = NULL, gateway = ?, segments = ?, recorded_at = ?, "
                        + "sending_until = ? WHERE business_key = ? AND status IN (" + SmsStatus.RESENDABLE_SQL + ") "
                        + "AND (status <> 'PENDING' OR sending_until IS NULL OR sending_until < ?)",
                gateway, segments, now, until, request.businessKey(), now);
        if (reset > 0) {
            return true;
        }
        if (find(request.businessKey()).isPresent()) {
            return false;
        }
        try {
            jdbc.update("INSERT INTO sms_send (business_key, gateway, segments, status, recorded_at, booking_id, template, sending_until) "
                            + "VALUES (?, ?, ?, 'PENDING', ?, ?, ?, ?)",
                    request.businessKey(), gateway, segments, now, request.bookingId(), request.template(), until);
            return true;
        } catch (DuplicateKeyException raced) {
            return false;
        }
    }

    /** The hand-over failed (the gateway could not take it now): the next try, by any consumer, need not wait. */
    public void released(SmsRequest request) {
        jdbc.update("UPDATE sms_send SET sending_until = NULL WHERE business_key = ? AND status = 'PENDING'", request.businessKey());
    }

    /**
     * The gateway took it. Kept reports for its id are applied now; a report that already moved the send on
     * (it overtook the gateway's answer) stays.
     */
    public void accepted(SmsRequest request, String gateway, String gatewayId, int segments) {
        Timestamp now = Timestamp.from(clock.instant());
        int updated = jdbc.update("UPDATE sms_send SET gateway = ?, gateway_id = ?, segments = ?, accepted_at = ?, reason = NULL, "
                        + "status = CASE WHEN status IN (" + SmsStatus.OPEN_SQL + ") THEN 'ACCEPTED' ELSE status END "
                        + "WHERE business_key = ?",
                gateway, gatewayId, segments, now, request.businessKey());
        if (updated == 0) {
            insert(request, gateway, segments, SmsStatus.ACCEPTED, null, now);
            jdbc.update("UPDATE sms_send SET gateway_id = ?, accepted_at = ? WHERE business_key = ?", gatewayId, now, request.businessKey());
        }
        applyKept(gateway, gatewayId, request.businessKey());
    }

    /** The hub gives up on this SMS (dead-lettered): kept, with the reason, so the patient's Communications show it. */
    public void notSent(SmsRequest request, String gateway, int segments, String why) {
        String reason = why.length() > REASON_MAX ? why.substring(0, REASON_MAX - 1) + "…" : why;
        int updated = jdbc.update("UPDATE sms_send SET reason = ?, "
                        + "status = CASE WHEN status IN (" + SmsStatus.OPEN_SQL + ") THEN 'NOT_SENT' ELSE status END "
                        + "WHERE business_key = ?",
                reason, request.businessKey());
        if (updated == 0) {
            try {
                insert(request, gateway, segments, SmsStatus.NOT_SENT, reason, Timestamp.from(clock.instant()));
            } catch (DuplicateKeyException e) {
                notSent(request, gateway, segments, why);
            }
        }
    }

    /**
     * A gateway's report, found by the hub's business key or else by the gateway's id. Repeating a report changes
     * nothing; a report that is not ahead of the send's status changes nothing either.
     */
    public ReportOutcome report(String gateway, DeliveryReport report) {
        SmsStatus status = SmsStatus.of(report.status());
        Timestamp at = Timestamp.from(report.at());
        if (apply(gateway, report.gatewayId(), report.businessKey(), status, at) > 0) {
            return ReportOutcome.APPLIED;
        }
        Long id = keep(gateway, report, status, at);
        // the send may have been recorded between the apply above and the insert, without seeing the kept report
        if (apply(gateway, report.gatewayId(), report.businessKey(), status, at) > 0) {
            jdbc.update("DELETE FROM sms_report WHERE id = ?", id);
            return ReportOutcome.APPLIED;
        }
        return ReportOutcome.KEPT;
    }

    private void insert(SmsRequest request, String gateway, int segments, SmsStatus status, String reason, Timestamp now) {
        jdbc.update("INSERT INTO sms_send (business_key, gateway, segments, status, recorded_at, booking_id, template, reason) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                request.businessKey(), gateway, segments, status.name(), now, request.bookingId(), request.template(), reason);
    }

    private Long keep(String gateway, DeliveryReport report, SmsStatus status, Timestamp at) {
        var holder = new org.springframework.jdbc.support.GeneratedKeyHolder();
        jdbc.update(c -> {
            var ps = c.prepareStatement("INSERT INTO sms_report (gateway, gateway_id, business_key, status, reported_at, received_at) "
                    + "VALUES (?, ?, ?, ?, ?, ?)", new String[] {"id"});
            ps.setString(1, gateway);
            ps.setString(2, report.gatewayId());
            ps.setString(3, report.businessKey());
            ps.setString(4, status.name());
            ps.setTimestamp(5, at);
            ps.setTimestamp(6, Timestamp.from(clock.instant()));
            return ps;
        }, holder);
        return holder.getKey().longValue();
    }

    /** Rows matched (not rows changed): a send that is already further on counts as found. */
    private int apply(String gateway, String gatewayId, String businessKey, SmsStatus status, Timestamp at) {
        String set = "UPDATE sms_send SET "
                + "reported_at = CASE WHEN " + SmsStatus.RANK_SQL + " < ? THEN ? ELSE reported_at END, "
                + "status = CASE WHEN " + SmsStatus.RANK_SQL + " < ? THEN ? ELSE status END ";
        return businessKey != null
                ? jdbc.update(set + "WHERE business_key = ?", status.rank(), at, status.rank(), status.name(), businessKey)
                : jdbc.update(set + "WHERE gateway = ? AND gateway_id = ?", status.rank(), at, status.rank(), status.name(), gateway, gatewayId);
    }

    private void applyKept(String gateway, String gatewayId, String businessKey) {
        record Kept(long id, String status, Timestamp at) {}
        List<Kept> kept = jdbc.query("SELECT id, status, reported_at FROM sms_report "
                        + "WHERE (gateway = ? AND gateway_id = ?) OR business_key = ? ORDER BY id",
                (rs, i) -> new Kept(rs.getLong(1), rs.getString(2), rs.getTimestamp(3)), gateway, gatewayId, businessKey);
        for (Kept k : kept) {
            apply(gateway, gatewayId, businessKey, SmsStatus.valueOf(k.status()), k.at());
            jdbc.update("DELETE FROM sms_report WHERE id = ?", k.id());
        }
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
