package se.vardnav.bench;

import org.springframework.jdbc.core.JdbcTemplate;
import se.vardnav.booking.BookingKey;
import se.vardnav.fhir.Fhir;
import se.vardnav.support.TestPersons;
import se.vardnav.notification.Reminders;
import se.vardnav.notification.SmsRequest;
import se.vardnav.sim.smpp.SmppReceived;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Plans reminders through the hub's own {@link Reminders} bean, each to a number and a patient of its own
 * (whom the notification policy asks the register and the platform about again before it goes out), with
 * a booking row the fire-time check finds "booked"; then matches what the SMSC received with when
 * each was due.
 */
final class ReminderLoad {
    static final String SOURCE = "BENCH";
    private static final String TEXT = "Påminnelse: ditt videobesök börjar kl 10:00. Logga in i appen för att ansluta.";
    private final Reminders reminders;
    private final JdbcTemplate jdbc;
    private final String runId;
    private int next;

    ReminderLoad(Reminders reminders, JdbcTemplate jdbc, String runId) {
        this.reminders = reminders;
        this.jdbc = jdbc;
        this.runId = runId;
    }

    /** Due instants by destination address as the SMSC sees it (E.164 without the plus). */
    record Planned(Map<String, Instant> dueByTo, Instant firstDue, Instant lastDue, Duration planTime) {}

    /** {@code n} reminders due evenly over {@code window} from {@code firstDue}. */
    Planned plan(int n, Instant firstDue, Duration window) {
        long t0 = System.nanoTime();
        List<Object[]> links = new ArrayList<>(n);
        Map<String, Instant> due = new LinkedHashMap<>(n * 2);
        Instant last = firstDue;
        for (int i = 0; i < n; i++, next++) {
            String bookingId = "R-" + runId + "-" + next;
            long version = 1;
            Instant at = n == 1 ? firstDue : firstDue.plusNanos(window.toNanos() * i / (n - 1));
            String national = String.format("070%07d", 1_000_000 + next);
            BookingKey key = new BookingKey(SOURCE, bookingId, version);
            reminders.plan(key, new Reminders.Patient(Fhir.PERSONNUMMER, TestPersons.next()), null, at,
                    new SmsRequest(key.group() + "|" + version + "|reminder-video", national, TEXT, bookingId, "reminder-video"));
            links.add(new Object[] {SOURCE, bookingId, version, Timestamp.from(Instant.now())});
            due.put("46" + national.substring(1), at);
            last = at;
        }
        // what the platform delivery would have recorded: the booking is booked at that version
        jdbc.batchUpdate("INSERT INTO booking_link (source, booking_id, platform_id, last_version, status, updated_at) "
                + "VALUES (?, ?, NULL, ?, 'booked', ?)", links);
        return new Planned(due, firstDue, last, Duration.ofNanos(System.nanoTime() - t0));
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
                Integer.class, SOURCE);
        return n == null ? 0 : n;
    }
}
