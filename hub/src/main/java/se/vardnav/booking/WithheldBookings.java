package se.vardnav.booking;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/** Records and counts what the policy kept from the platform: ids and reasons only, never personal data. */
public class WithheldBookings {
    private static final Logger log = LoggerFactory.getLogger(WithheldBookings.class);
    private final JdbcTemplate jdbc;
    private final MeterRegistry meters;
    private final Clock clock;

    public WithheldBookings(JdbcTemplate jdbc, MeterRegistry meters, Clock clock) {
        this.jdbc = jdbc;
        this.meters = meters;
        this.clock = clock;
    }

    public void record(BookingKey key, PolicyDecision decision, String timeType) {
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.update("INSERT INTO withheld_booking (source, booking_id, version, reason, detail, withheld_at) VALUES (?, ?, ?, ?, ?, ?)",
                key.source(), key.bookingId(), key.version(), decision.withheldFor().name(), decision.detail(), now);
        meters.counter("vardnav.bookings.withheld", "reason", decision.withheldFor().name()).increment();
        if (decision.withheldFor() == PolicyDecision.Reason.UNMAPPED_TIME_TYPE && timeType != null) {
            int n = jdbc.update("UPDATE unmapped_time_type SET occurrences = occurrences + 1, last_seen = ? WHERE time_type = ?", now, timeType);
            if (n == 0) {
                jdbc.update("INSERT INTO unmapped_time_type (time_type, occurrences, first_seen, last_seen) VALUES (?, 1, ?, ?)", timeType, now, now);
            }
            log.warn("Booking {} withheld: time type '{}' has no mapping in the time type ConceptMap; add it in fhir-mapping/", key.bookingId(), timeType);
        } else {
            log.info("Booking {} withheld: {}", key.bookingId(), decision.withheldFor());
        }
    }

    public List<Map<String, Object>> reasonsFor(String source, String bookingId) {
        return jdbc.queryForList("SELECT reason, detail, version, withheld_at FROM withheld_booking WHERE source = ? AND booking_id = ? ORDER BY id", source, bookingId);
    }

    public List<Map<String, Object>> unmappedTimeTypes() {
        return jdbc.queryForList("SELECT time_type, occurrences, first_seen, last_seen FROM unmapped_time_type ORDER BY time_type");
    }
}
