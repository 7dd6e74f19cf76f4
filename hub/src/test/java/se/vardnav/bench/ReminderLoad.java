package se.vardnav.bench;

import org.springframework.jdbc.core.JdbcTemplate;
import se.vardnav.sim.smpp.SmppReceived;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Has the hub plan reminders ({@link ReminderPlan}, through its own {@code Reminders} bean, in whichever JVM it
 * runs), then matches what the SMSC received with when each was due.
 */
final class ReminderLoad {
    private final BenchHub hub;
    private final JdbcTemplate jdbc;
    private final String runId;
    private int next;

    ReminderLoad(BenchHub hub, String runId) {
        this.hub = hub;
        this.jdbc = hub.jdbc();
        this.runId = runId;
    }

    /** Due instants by destination address as the SMSC sees it (E.164 without the plus). */
    record Planned(Map<String, Instant> dueByTo, Instant firstDue, Instant lastDue, Duration planTime) {}

    /** {@code n} reminders due evenly over {@code window} from {@code firstDue}. */
    Planned plan(int n, Instant firstDue, Duration window) {
        ReminderPlan plan = new ReminderPlan(runId, next, n, firstDue, window);
        next += n;
        Duration took = hub.planReminders(plan);
        return new Planned(plan.dueByTo(), firstDue, plan.lastDue(), took);
    }

    /** Lateness (SMSC receipt of the submit_sm − due) of each planned reminder, and what was missing or doubled. */
    record Matched(long[] latenessMicros, int missing, int duplicates, Instant firstReceived, Instant lastReceived) {}

    static Matched match(Planned planned, List<SmppReceived> received) {
        Map<String, Integer> seen = new HashMap<>();
        List<Long> lateness = new ArrayList<>();
        Instant first = null, last = null;
        int duplicates = 0;
        for (SmppReceived r : received) {
            String to = r.to().startsWith("+") ? r.to().substring(1) : r.to();
            Instant due = planned.dueByTo().get(to);
            if (due == null) {
                continue;
            }
            if (seen.merge(to, 1, Integer::sum) > 1) {
                duplicates++;
                continue;
            }
            lateness.add(Duration.between(due, r.receivedAt()).toNanos() / 1_000);
            first = first == null || r.receivedAt().isBefore(first) ? r.receivedAt() : first;
            last = last == null || r.receivedAt().isAfter(last) ? r.receivedAt() : last;
        }
        long[] micros = lateness.stream().mapToLong(Long::longValue).sorted().toArray();
        return new Matched(micros, planned.dueByTo().size() - seen.size(), duplicates, first, last);
    }

    /** Reminders of this run not yet handed to notify.sms. */
    int notHandedOff() {
        Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM reminder WHERE source = ? AND status IN ('PENDING', 'FIRING')",
                Integer.class, ReminderPlan.SOURCE);
        return n == null ? 0 : n;
    }
}
