package se.vardnav.visit;

import ca.uhn.fhir.context.FhirContext;
import org.hl7.fhir.r4.model.Encounter;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import se.vardnav.booking.BookingVersion;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

/**
 * Numbers each visit's Encounter versions as they arrive, the way bookings are numbered ({@link BookingVersion}:
 * event time {@code meta.lastUpdated} first, then the visit's arrival number), in the database before the
 * platform is answered. The same content sent again (a retry, a rest-hook notification repeated) keeps the version
 * it got the first time, so the broker and every consumer take it as that one event.
 */
public class VisitVersions {
    private static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final FhirContext fhir;
    private final Clock clock;
    private final Duration tolerance;

    public VisitVersions(JdbcTemplate jdbc, TransactionTemplate tx, FhirContext fhir, Clock clock, Duration tolerance) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.fhir = fhir;
        this.clock = clock;
        this.tolerance = tolerance;
    }

    public record Assigned(long version, boolean duplicate) {}

    /**
     * Writes the version to the Encounter's {@code meta.versionId}.
     *
     * @throws InvalidVisitException the event time is not plausible (before 2000, or ahead of the hub's clock)
     */
    public Assigned assign(String visitId, Encounter event) throws InvalidVisitException {
        event.getMeta().setVersionId(null);
        String content = se.vardnav.fhir.ContentHash.of(fhir, event);
        Instant now = clock.instant();
        if (!event.getMeta().hasLastUpdated()) {
            event.getMeta().setLastUpdated(Date.from(now));
        }
        Instant eventTime = event.getMeta().getLastUpdated().toInstant();
        if (eventTime.isBefore(EARLIEST)) {
            throw new InvalidVisitException("Encounter.meta.lastUpdated: " + eventTime + " is not a plausible time for a visit event");
        }
        if (eventTime.isAfter(now.plus(tolerance))) {
            throw new InvalidVisitException("Encounter.meta.lastUpdated: " + eventTime + " is more than " + tolerance.toMinutes()
                    + " min ahead of the hub's clock (" + now + "); correct the platform's clock and send the event again");
        }
        ensureRow(visitId);
        Assigned assigned = tx.execute(s -> number(visitId, content, eventTime));
        if (assigned == null) {
            throw new IllegalStateException("no version assigned");
        }
        event.getMeta().setVersionId(Long.toString(assigned.version()));
        return assigned;
    }

    private Assigned number(String visitId, String content, Instant eventTime) {
        // one visit's events are numbered one at a time, by every hub instance
        var row = jdbc.queryForMap("SELECT arrivals, last_version, last_content FROM visit_intake WHERE visit_id = ? FOR UPDATE", visitId);
        Long lastVersion = row.get("last_version") == null ? null : ((Number) row.get("last_version")).longValue();
        if (lastVersion != null && content.equals(row.get("last_content"))) {
            return new Assigned(lastVersion, true);
        }
        long arrival = ((Number) row.get("arrivals")).longValue() + 1;
        long version = BookingVersion.of(eventTime, arrival);
        jdbc.update("UPDATE visit_intake SET arrivals = ?, last_version = ?, last_content = ? WHERE visit_id = ?", arrival, version, content, visitId);
        return new Assigned(version, false);
    }

    private void ensureRow(String visitId) {
        Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM visit_intake WHERE visit_id = ?", Integer.class, visitId);
        if (n != null && n > 0) {
            return;
        }
        try {
            jdbc.update("INSERT INTO visit_intake (visit_id, arrivals) VALUES (?, 0)", visitId);
        } catch (DuplicateKeyException concurrentlyInserted) {
            // another event of the same visit came first
        }
    }
}
