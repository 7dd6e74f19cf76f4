package se.vardnav.booking;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.hl7v2.ErrorCode;
import org.hl7.fhir.r4.model.Appointment;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/**
 * Gives each booking event its {@link BookingVersion} at the intake, in the database, before the sender
 * is answered: event time plus the booking's arrival number. A duplicate is the same message, never the
 * same event time: the sender's id for the message (MSH-3 + MSH-10, per booking) seen before, or content
 * identical to the booking's last event (a resend under a new id, or a FHIR client's retry). A duplicate
 * gets the version it had the first time, so every consumer downstream takes it as that very event.
 * Refuses an event time too far ahead of the hub's clock: it would make every real event after it stale.
 */
public class BookingVersions {
    /** Before any booking system sent a message: a clock reset to zero, not an event time. */
    private static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final FhirContext fhir;
    private final Clock clock;
    private final Duration tolerance;
    private final Duration retention;

    /**
     * @param tolerance how far an event time may be ahead of the hub's clock (sender clocks drift a little)
     * @param retention how long a message id is kept to recognise a resend
     */
    public BookingVersions(JdbcTemplate jdbc, TransactionTemplate tx, FhirContext fhir, Clock clock, Duration tolerance, Duration retention) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.fhir = fhir;
        this.clock = clock;
        this.tolerance = tolerance;
        this.retention = retention;
    }

    /** The version given; {@code duplicate} when the event was taken before (it goes on again, with its first version). */
    public record Assigned(long version, boolean duplicate) {}

    /**
     * Numbers the event and writes the version to its {@code meta.versionId}. An event without
     * {@code meta.lastUpdated} (a FHIR client that sends no event time) is timed by its arrival.
     *
     * @param messageId      the sender's id of this message (MSH-10), or null when it has none (FHIR REST)
     * @param eventTimeField where the event time was read, for the refusal reason (e.g. "MSH-7")
     * @throws InvalidBookingException the event time is more than the tolerance ahead of the hub's clock
     */
    public Assigned assign(Appointment event, String messageId, String eventTimeField) throws InvalidBookingException {
        // a version the sender put in meta.versionId is not ours
        event.getMeta().setVersionId(null);
        String content = se.vardnav.fhir.ContentHash.of(fhir, event);
        Instant now = clock.instant();
        if (!event.getMeta().hasLastUpdated()) {
            event.getMeta().setLastUpdated(Date.from(now));
        }
        BookingKey key = BookingKey.of(event);
        Instant eventTime = event.getMeta().getLastUpdated().toInstant();
        if (eventTime.isBefore(EARLIEST)) {
            throw new InvalidBookingException(eventTimeField + ": event time " + eventTime + " is not a plausible time for a booking event",
                    ErrorCode.DATA_TYPE_ERROR);
        }
        if (eventTime.isAfter(now.plus(tolerance))) {
            throw new InvalidBookingException(eventTimeField + ": event time " + eventTime + " is more than " + readable(tolerance)
                    + " ahead of the hub's clock (" + now + "); correct the sending system's clock and send the event again",
                    ErrorCode.DATA_TYPE_ERROR);
        }
        Assigned assigned;
        try {
            assigned = tx.execute(s -> number(key, messageId, content, eventTime, now));
        } catch (DuplicateKeyException concurrentlyInserted) {
            // another message of the same booking made its row first: this one is numbered after it, under its lock
            assigned = tx.execute(s -> number(key, messageId, content, eventTime, now));
        }
        if (assigned == null) {
            throw new IllegalStateException("no version assigned");
        }
        event.getMeta().setVersionId(Long.toString(assigned.version()));
        return assigned;
    }

    /** Forgets message ids older than the retention: a resend comes within minutes or days, not months. */
    public int forgetOldMessageIds() {
        return jdbc.update("DELETE FROM intake_message WHERE received_at < ?", Timestamp.from(clock.instant().minus(retention)));
    }

    private Assigned number(BookingKey key, String messageId, String content, Instant eventTime, Instant now) {
        // one booking's events are numbered one at a time, by every hub instance
        List<Row> rows = jdbc.query("SELECT arrivals, last_version, last_content FROM booking_intake WHERE source = ? AND booking_id = ? FOR UPDATE",
                (rs, i) -> new Row(rs.getLong(1), (Long) rs.getObject(2), rs.getString(3)), key.source(), key.bookingId());
        if (rows.isEmpty()) {
            // the booking's first event: one INSERT makes the row and numbers it (a concurrent first event of the
            // same booking fails on the key and is numbered again by the caller, after this one)
            long version = BookingVersion.of(eventTime, 1);
            jdbc.update("INSERT INTO booking_intake (source, booking_id, arrivals, last_version, last_content) VALUES (?, ?, 1, ?, ?)",
                    key.source(), key.bookingId(), version, content);
            remember(key, messageId, version, now);
            return new Assigned(version, false);
        }
        Row row = rows.get(0);
        if (messageId != null) {
            List<Long> seen = jdbc.queryForList("SELECT version FROM intake_message WHERE source = ? AND booking_id = ? AND message_id = ?",
                    Long.class, key.source(), key.bookingId(), messageId);
            if (!seen.isEmpty()) {
                return new Assigned(seen.get(0), true);
            }
        }
        Assigned assigned;
        if (row.lastVersion() != null && content.equals(row.lastContent())) {
            assigned = new Assigned(row.lastVersion(), true);
        } else {
            long arrival = row.arrivals() + 1;
            if (arrival > BookingVersion.MAX_ARRIVAL) {
                throw new IllegalStateException("booking has more events than the version can number");
            }
            long version = BookingVersion.of(eventTime, arrival);
            jdbc.update("UPDATE booking_intake SET arrivals = ?, last_version = ?, last_content = ? WHERE source = ? AND booking_id = ?",
                    arrival, version, content, key.source(), key.bookingId());
            assigned = new Assigned(version, false);
        }
        remember(key, messageId, assigned.version(), now);
        return assigned;
    }

    private void remember(BookingKey key, String messageId, long version, Instant now) {
        if (messageId != null) {
            jdbc.update("INSERT INTO intake_message (source, booking_id, message_id, version, received_at) VALUES (?, ?, ?, ?, ?)",
                    key.source(), key.bookingId(), messageId, version, Timestamp.from(now));
        }
    }

    private record Row(long arrivals, Long lastVersion, String lastContent) {}

    private static String readable(Duration d) {
        return d.toSecondsPart() == 0 && d.toMillisPart() == 0 ? d.toMinutes() + " min" : d.toMillis() / 1000.0 + " s";
    }
}
