package se.vardnav.console.health;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;

/**
 * Backlogs that alerts watch, read from the database at each scrape: {@code vardnav_reminders_overdue} (reminders
 * still waiting more than {@link #REMINDER_GRACE} after they were due) and
 * {@code vardnav_print_list_oldest_todo_seconds} (how long the oldest letter has waited on the print list).
 */
public class BacklogGauges implements MeterBinder {
    static final Duration REMINDER_GRACE = Duration.ofMinutes(2);
    private final JdbcTemplate jdbc;
    private final Clock clock;

    public BacklogGauges(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("vardnav.reminders.overdue", this, BacklogGauges::overdueReminders)
                .description("reminders not sent more than 2 minutes after they were due").register(registry);
        Gauge.builder("vardnav.print_list.oldest_todo.seconds", this, BacklogGauges::oldestPrintTodoSeconds)
                .description("age of the oldest print list row still to handle (Att åtgärda), 0 if none").register(registry);
    }

    double overdueReminders() {
        Long n = jdbc.queryForObject("SELECT COUNT(*) FROM reminder WHERE status IN ('PENDING', 'FIRING') AND due_at < ?",
                Long.class, Timestamp.from(clock.instant().minus(REMINDER_GRACE)));
        return n == null ? 0 : n;
    }

    double oldestPrintTodoSeconds() {
        Timestamp oldest = jdbc.queryForObject("SELECT MIN(created_at) FROM print_item WHERE status = 'TODO'", Timestamp.class);
        return oldest == null ? 0 : Math.max(0, Duration.between(oldest.toInstant(), clock.instant()).toSeconds());
    }
}
