package se.vardnav.notification;

import ca.uhn.fhir.context.FhirContext;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.springframework.jdbc.core.JdbcTemplate;
import se.vardnav.booking.BookingHeaders;
import se.vardnav.booking.BookingKey;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reminders before video meetings, kept in the database so they survive restarts. Planning a booking's
 * reminder again (a reschedule) replaces the earlier one; when one falls due it is checked against the
 * booking as the platform now has it, and sent only if that is still the version it was planned for.
 */
public class Reminders {
    /** Reminders claimed and handed on together: a bounded slice of memory, one broker commit. */
    static final int BATCH = 500;
    /** Far longer than one batch takes: an older claim is an instance that stopped mid-fire. */
    static final Duration DEFAULT_CLAIM_TIMEOUT = Duration.ofMinutes(1);

    private final JdbcTemplate jdbc;
    private final FhirContext fhir;
    private final ConnectionFactory connectionFactory;
    private final String smsQueue;
    private final Clock clock;
    private final Duration claimTimeout;

    public Reminders(JdbcTemplate jdbc, FhirContext fhir, ConnectionFactory connectionFactory, String smsQueue, Clock clock) {
        this(jdbc, fhir, connectionFactory, smsQueue, clock, DEFAULT_CLAIM_TIMEOUT);
    }

    public Reminders(JdbcTemplate jdbc, FhirContext fhir, ConnectionFactory connectionFactory, String smsQueue, Clock clock,
                     Duration claimTimeout) {
        this.jdbc = jdbc;
        this.fhir = fhir;
        this.connectionFactory = connectionFactory;
        this.smsQueue = smsQueue;
        this.clock = clock;
        this.claimTimeout = claimTimeout;
    }

    public void plan(BookingKey booking, Instant due, SmsRequest sms) {
        plan(booking, null, due, sms);
    }

    /**
     * One reminder per recipient of the booking (a child's guardians each get their own).
     * @param recipient null for the patient, else a pseudonym (never a personnummer: it is part of the row key)
     */
    public void plan(BookingKey booking, String recipient, Instant due, SmsRequest sms) {
        String rowKey = recipient == null ? booking.group() : booking.group() + "|" + recipient;
        String json = fhir.newJsonParser().encodeResourceToString(sms.toFhir());
        int updated = jdbc.update("UPDATE reminder SET version = ?, due_at = ?, status = 'PENDING', request = ? WHERE booking_key = ? AND version < ?",
                booking.version(), Timestamp.from(due), json, rowKey, booking.version());
        if (updated == 0 && jdbc.queryForObject("SELECT COUNT(*) FROM reminder WHERE booking_key = ?", Integer.class, rowKey) == 0) {
            jdbc.update("INSERT INTO reminder (booking_key, source, booking_id, version, due_at, status, request) VALUES (?, ?, ?, ?, ?, 'PENDING', ?)",
                    rowKey, booking.source(), booking.bookingId(), booking.version(), Timestamp.from(due), json);
        }
    }

    /**
     * Fires every reminder that is due, oldest first, {@value #BATCH} at a time (bounded memory, one
     * broker commit per batch); returns how many were handed to notify.sms. Claims left by an instance
     * that stopped mid-fire are taken over once they are older than the claim timeout.
     */
    public int fireDue() {
        int sent = 0;
        Claimed batch;
        do {
            batch = claim(clock.instant());
            sent += fire(batch.mine());
        } while (batch.more());
        return sent;
    }

    /** A cancel (or a booking withheld after delivery) takes back the reminders planned before it, for every recipient. */
    public void cancel(BookingKey booking) {
        jdbc.update("UPDATE reminder SET status = 'SKIPPED', request = NULL WHERE source = ? AND booking_id = ? AND status = 'PENDING' AND version < ?",
                booking.source(), booking.bookingId(), booking.version());
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

    private static final String SELECT_DUE = "SELECT booking_key, source, booking_id, version, request FROM reminder ";

    /** A reminder this instance has claimed (status FIRING), with the planned SMS. */
    private record Due(String key, String source, String bookingId, long version, String request) {}

    /** What this instance claimed of one batch; more: the batch was full, so there may be more due. */
    private record Claimed(List<Due> mine, boolean more) {}

    /**
     * The next due reminders (and stale claims), claimed in a JDBC batch: a row another instance
     * claimed first, or that a reschedule replaced meanwhile (another version), is left alone.
     */
    private Claimed claim(Instant now) {
        Timestamp claimedAt = Timestamp.from(now);
        Timestamp stale = Timestamp.from(now.minus(claimTimeout));
        List<Due> staleClaims = jdbc.query(SELECT_DUE + "WHERE status = 'FIRING' AND (claimed_at IS NULL OR claimed_at < ?) "
                + "FETCH FIRST " + BATCH + " ROWS ONLY", Reminders::due, stale);
        List<Due> pending = staleClaims.size() == BATCH ? List.of()
                : jdbc.query(SELECT_DUE + "WHERE status = 'PENDING' AND due_at <= ? ORDER BY due_at "
                        + "FETCH FIRST " + (BATCH - staleClaims.size()) + " ROWS ONLY", Reminders::due, claimedAt);
        List<Due> mine = new ArrayList<>(staleClaims.size() + pending.size());
        mine.addAll(claimed(staleClaims, jdbc.batchUpdate("UPDATE reminder SET claimed_at = ? "
                        + "WHERE booking_key = ? AND version = ? AND status = 'FIRING' AND (claimed_at IS NULL OR claimed_at < ?)",
                rows(staleClaims, d -> new Object[] {claimedAt, d.key(), d.version(), stale}))));
        mine.addAll(claimed(pending, jdbc.batchUpdate("UPDATE reminder SET status = 'FIRING', claimed_at = ? "
                        + "WHERE booking_key = ? AND version = ? AND status = 'PENDING'",
                rows(pending, d -> new Object[] {claimedAt, d.key(), d.version()}))));
        return new Claimed(mine, staleClaims.size() + pending.size() == BATCH);
    }

    private static List<Object[]> rows(List<Due> dues, java.util.function.Function<Due, Object[]> row) {
        return dues.stream().map(row).toList();
    }

    /** The rows whose claim took (a driver may answer SUCCESS_NO_INFO, -2: H2 and PostgreSQL give counts). */
    private static List<Due> claimed(List<Due> candidates, int[] counts) {
        List<Due> mine = new ArrayList<>(candidates.size());
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] != 0) {
                mine.add(candidates.get(i));
            }
        }
        return mine;
    }

    /**
     * Checks each claimed reminder against the booking, hands the current ones to notify.sms in one
     * JMS transaction, then records the outcome. A stop between the commit and the record leaves the
     * rows FIRING: they are fired again after the claim timeout, and the broker's duplicate detection
     * (same id) and the SMS business key stop a second SMS.
     */
    private int fire(List<Due> batch) {
        List<Object[]> outcomes = new ArrayList<>(batch.size());
        List<Due> current = new ArrayList<>(batch.size());
        for (Due d : batch) {
            boolean ok = d.request() != null && stillCurrent(d.source(), d.bookingId(), d.version());
            if (ok) {
                current.add(d);
            }
            outcomes.add(new Object[] {ok ? "SENT" : "SKIPPED", d.key(), d.version()});
        }
        if (!current.isEmpty()) {
            handOff(current);
        }
        if (!outcomes.isEmpty()) {
            jdbc.batchUpdate("UPDATE reminder SET status = ?, request = NULL WHERE booking_key = ? AND version = ? AND status = 'FIRING'",
                    outcomes);
        }
        return current.size();
    }

    private void handOff(List<Due> current) {
        try {
            send(current, true);
        } catch (JMSException e) {
            if (!duplicate(e)) {
                throw handOffFailed(current, e);
            }
            // A reminder fired again after a stop was already on the broker: its duplicate id rolls back the
            // whole transaction, so the batch goes one by one, where the broker drops just the duplicate.
            try {
                send(current, false);
            } catch (JMSException again) {
                throw handOffFailed(current, again);
            }
        }
    }

    private void send(List<Due> reminders, boolean transacted) throws JMSException {
        try (Connection connection = connectionFactory.createConnection();
             Session session = connection.createSession(transacted, transacted ? Session.SESSION_TRANSACTED : Session.AUTO_ACKNOWLEDGE)) {
            MessageProducer producer = session.createProducer(session.createQueue(smsQueue));
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            for (Due d : reminders) {
                TextMessage m = session.createTextMessage(d.request());
                m.setStringProperty(BookingHeaders.DUPLICATE_ID, d.key() + "|" + d.version() + "|reminder");
                try {
                    producer.send(m);
                } catch (JMSException e) {
                    if (transacted || !duplicate(e)) {
                        throw e;
                    }
                }
            }
            if (transacted) {
                session.commit();
            }
        }
    }

    private static boolean duplicate(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof org.apache.activemq.artemis.api.core.ActiveMQDuplicateIdException) {
                return true;
            }
        }
        return false;
    }

    private IllegalStateException handOffFailed(List<Due> current, JMSException e) {
        return new IllegalStateException("Reminders could not be handed to " + smsQueue + " (" + current.size()
                + " stay claimed and are fired again after the claim timeout)", e);
    }

    private static Due due(ResultSet rs, int row) throws SQLException {
        return new Due(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getString(5));
    }
}
