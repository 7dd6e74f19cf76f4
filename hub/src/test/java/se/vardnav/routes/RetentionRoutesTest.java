package se.vardnav.routes;

import org.junit.jupiter.api.Test;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Contract of routes/retention.yaml: each tick of the data-retention timer purges, by the hub's clock, what has passed
 * its retention (here a withheld-booking record and a sent reminder) and keeps what has not. The rows sit around the
 * real present, so the purge leaves the rows of other tests (recent, or years ahead) alone.
 */
class RetentionRoutesTest extends RouteContractTestBase {

    @Test
    void aTickPurgesWhatHasPassedItsRetentionByTheHubsClock() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String old = "RET-" + UUID.randomUUID(), recent = "RET-" + UUID.randomUUID();
        jdbc.update("INSERT INTO withheld_booking (source, booking_id, version, reason, withheld_at) VALUES ('CONTRACT', ?, 1, 'PROTECTED_IDENTITY', ?)",
                old, Timestamp.from(now.minus(Duration.ofDays(181))));
        jdbc.update("INSERT INTO withheld_booking (source, booking_id, version, reason, withheld_at) VALUES ('CONTRACT', ?, 1, 'PROTECTED_IDENTITY', ?)",
                recent, Timestamp.from(now.minus(Duration.ofDays(179))));
        jdbc.update("INSERT INTO reminder (booking_key, source, booking_id, version, due_at, status) VALUES (?, 'CONTRACT', ?, 1, ?, 'SENT')",
                "CONTRACT|" + old, old, Timestamp.from(now.minus(Duration.ofDays(31))));

        clock.setNow(now);
        producer.sendBody("direct:contract-data-retention", null);

        assertThat(jdbc.queryForList("SELECT booking_id FROM withheld_booking WHERE booking_id IN (?, ?)", String.class, old, recent))
                .containsExactly(recent);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM reminder WHERE booking_id = ?", Integer.class, old)).isZero();
    }
}
