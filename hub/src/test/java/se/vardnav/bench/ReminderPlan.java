package se.vardnav.bench;

import org.springframework.jdbc.core.JdbcTemplate;
import se.vardnav.booking.BookingKey;
import se.vardnav.fhir.Fhir;
import se.vardnav.notification.Reminders;
import se.vardnav.notification.SmsRequest;
import se.vardnav.support.TestPersons;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code n} reminders due evenly over {@code window} from {@code firstDue}, numbered from {@code from}: the same
 * plan on both sides of the process boundary. The hub's JVM {@link #apply applies} it through its own
 * {@link Reminders} bean; the benchmark's JVM only needs {@link #dueByTo} to match what the SMSC received.
 * Each reminder goes to a number and a patient of its own (whom the notification policy asks the register
 * and the platform about again before it goes out), with a booking row the fire-time check finds "booked".
 */
record ReminderPlan(String runId, int from, int n, Instant firstDue, Duration window) {
    static final String SOURCE = "BENCH";
    private static final String TEXT = "Påminnelse: ditt videobesök börjar kl 10:00. Logga in i appen för att ansluta.";

    Instant dueAt(int i) {
        return n == 1 ? firstDue : firstDue.plusNanos(window.toNanos() * i / (n - 1));
    }

    Instant lastDue() {
        return dueAt(n - 1);
    }

    private String national(int i) {
        return String.format("070%07d", 1_000_000 + from + i);
    }

    /** Due instants by destination address as the SMSC sees it (E.164 without the plus). */
    Map<String, Instant> dueByTo() {
        Map<String, Instant> due = new LinkedHashMap<>(n * 2);
        for (int i = 0; i < n; i++) {
            due.put("46" + national(i).substring(1), dueAt(i));
        }
        return due;
    }

    /** Plans them in the hub; returns how long that took. */
    Duration apply(Reminders reminders, JdbcTemplate jdbc) {
        long t0 = System.nanoTime();
        List<Object[]> links = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String bookingId = "R-" + runId + "-" + (from + i);
            long version = 1;
            BookingKey key = new BookingKey(SOURCE, bookingId, version);
            reminders.plan(key, new Reminders.Patient(Fhir.PERSONNUMMER, TestPersons.next()), null, dueAt(i),
                    new SmsRequest(key.group() + "|" + version + "|reminder-video", national(i), TEXT, bookingId, "reminder-video"));
            links.add(new Object[] {SOURCE, bookingId, version, Timestamp.from(Instant.now())});
        }
        // what the platform delivery would have recorded: the booking is booked at that version
        jdbc.batchUpdate("INSERT INTO booking_link (source, booking_id, platform_id, last_version, status, updated_at) "
                + "VALUES (?, ?, NULL, ?, 'booked', ?)", links);
        return Duration.ofNanos(System.nanoTime() - t0);
    }

    /** One line for {@link HubProcess}'s {@code remind} command. */
    String command() {
        return String.join(" ", runId, Integer.toString(from), Integer.toString(n), firstDue.toString(), window.toString());
    }

    static ReminderPlan parse(String command) {
        String[] f = command.strip().split(" ");
        return new ReminderPlan(f[0], Integer.parseInt(f[1]), Integer.parseInt(f[2]), Instant.parse(f[3]), Duration.parse(f[4]));
    }
}
