package se.vardnav.cluster;

import org.hl7.fhir.r4.model.Appointment;
import se.vardnav.sim.platform.PlatformWrite;
import se.vardnav.sim.sms.ReceivedSms;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.awaitility.Awaitility.await;

/**
 * The chaos run on a {@link HubCluster} with a {@link BrokerPair}: bookings (with moves and cancels), letters and
 * reminders flow while hub A is killed (SIGKILL), then the primary broker, then both are started again; then it waits
 * for the traffic to settle and counts what the peers received. Shared by {@link ChaosIT} (small, asserts the counts)
 * and {@link ChaosBenchmark} (full size, prints the figures).
 */
final class ChaosScenario {
    /** The sizes of a run. */
    record Size(int bookings, int letters, int reminders) {
        static Size fromProperties(String prefix, int bookings, int letters, int reminders) {
            return new Size(Integer.getInteger(prefix + ".bookings", bookings), Integer.getInteger(prefix + ".letters", letters),
                    Integer.getInteger(prefix + ".reminders", reminders));
        }
    }

    /** What the peers received, and the times the kills took to heal (ms). */
    record Result(int events, int acked, int lettersAccepted, int resends,
                  int bookingsNotInLastState, int outOfOrder, int repeatedPlatformWrites,
                  int lettersMissing, int lettersTwice, int remindersMissing, int remindersTwice, int smsTwice,
                  long hubOutageMs, long hubRestartMs, long brokerFailoverMs, long brokerOutageMs, long brokerRestartMs,
                  long runMs) {}

    private ChaosScenario() {}

    static Result run(HubCluster cluster, Size size, Duration bound) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        Instant start = Instant.now();
        ChaosLoad load = new ChaosLoad(cluster, bound);
        List<ChaosLoad.Booking> bookings = ChaosLoad.bookings(run, size.bookings());
        List<ChaosLoad.Letter> letters = ChaosLoad.letters(run, size.letters());
        int events = bookings.stream().mapToInt(b -> b.events().size()).sum();
        // reminders fall due over the first part of the run: some before, some during, some after the kills
        List<String> numbers = load.planReminders(run, size.reminders(), Duration.ofSeconds(Math.max(20, size.bookings() / 25)));

        List<Thread> senders = new ArrayList<>();
        int journals = 4;
        for (int s = 0; s < journals; s++) {
            List<ChaosLoad.Booking> mine = new ArrayList<>();
            for (int i = s; i < bookings.size(); i += journals) {
                mine.add(bookings.get(i));
            }
            int home = s % 2;
            senders.add(thread("journal-" + s, () -> load.sendBookings(mine, home)));
        }
        senders.add(thread("letters", () -> load.sendLetters(letters)));

        await("a quarter acknowledged").atMost(bound).pollInterval(Duration.ofMillis(20)).until(() -> load.acks.get() >= events / 4);
        Instant hubKilled = cluster.hub(0).process.kill();
        long hubOutage = outage(load, hubKilled);
        System.out.printf("chaos: hub A killed after %d of %d events acknowledged; next ack %d ms later%n", load.acks.get(), events, hubOutage);

        await("half acknowledged").atMost(bound).pollInterval(Duration.ofMillis(20)).until(() -> load.acks.get() >= events / 2);
        Instant brokerKilled = cluster.pair.killPrimary();
        long failover = Duration.between(brokerKilled, cluster.pair.awaitBackupActive()).toMillis();
        long brokerOutage = outage(load, brokerKilled);
        System.out.printf("chaos: primary broker killed after %d acknowledged; backup active after %d ms, next ack after %d ms%n",
                load.acks.get(), failover, brokerOutage);

        Instant restart = Instant.now();
        cluster.start(cluster.hub(0));
        long hubRestart = Duration.between(restart, Instant.now()).toMillis();
        restart = Instant.now();
        long brokerRestart = Duration.between(restart, cluster.pair.restartPrimary()).toMillis();
        System.out.printf("chaos: hub A ready again after %d ms; primary broker back and backup in sync after %d ms%n", hubRestart, brokerRestart);

        for (Thread t : senders) {
            t.join(bound.toMillis());
        }
        // settled: every acknowledged booking in its last state, every letter and reminder out (or the bound passed)
        Map<String, String> last = bookings.stream().collect(Collectors.toMap(ChaosLoad.Booking::id, ChaosLoad.Booking::last));
        Set<String> wanted = new HashSet<>(numbers);
        try {
            await("settled").atMost(bound).pollInterval(Duration.ofSeconds(1)).until(() ->
                    notInLastState(cluster, last) == 0 && lettersOnPlatform(cluster, letters) == letters.size()
                            && received(cluster, wanted).size() == numbers.size());
        } catch (org.awaitility.core.ConditionTimeoutException notSettled) {
            System.out.println("chaos: not settled within " + bound + ": " + notSettled.getMessage());
        }
        // and nothing more arrives while the hubs poll and redeliver a few more times
        await().pollDelay(Duration.ofSeconds(5)).until(() -> true);

        int outOfOrder = 0;
        int repeated = 0;
        Map<String, List<String>> applied = new HashMap<>();
        for (PlatformWrite w : cluster.platform.writes()) {
            applied.computeIfAbsent(w.bookingId(), k -> new ArrayList<>()).add(w.state());
        }
        for (ChaosLoad.Booking b : bookings) {
            int lastIndex = -1;
            for (String state : applied.getOrDefault(b.id(), List.of())) {
                int index = b.states().indexOf(state);
                if (index < lastIndex) {
                    outOfOrder++;
                } else if (index == lastIndex) {
                    repeated++; // the same state written again: no effect on the platform (a redelivery's idempotent write)
                }
                lastIndex = Math.max(lastIndex, index);
            }
        }
        int lettersTwice = 0;
        for (ChaosLoad.Letter l : letters) {
            int rows = cluster.db().queryForObject("SELECT COUNT(*) FROM letter WHERE source_letter_id = ?", Integer.class, l.sourceId());
            lettersTwice += Math.max(0, rows - 1);
        }
        Map<String, Long> reminders = received(cluster, wanted);
        reminders.forEach((number, n) -> {
            if (n > 1) {
                System.out.printf("chaos: reminder %d reached the gateway %d times%n", numbers.indexOf(number), n);
            }
        });
        Map<String, Long> allSms = cluster.smsGateway.received().stream()
                .collect(Collectors.groupingBy(r -> r.to() + "\u0000" + r.text(), Collectors.counting()));
        return new Result(events, load.acks.get(), load.lettersAccepted.get(), load.resends.get(),
                notInLastState(cluster, last), outOfOrder, repeated,
                letters.size() - lettersOnPlatform(cluster, letters), lettersTwice,
                numbers.size() - reminders.size(), (int) reminders.values().stream().filter(n -> n > 1).count(),
                (int) allSms.values().stream().filter(n -> n > 1).count(),
                hubOutage, hubRestart, failover, brokerOutage, brokerRestart, Duration.between(start, Instant.now()).toMillis());
    }

    static Thread thread(String name, Runnable work) {
        Thread t = new Thread(work, name);
        t.start();
        return t;
    }

    /** ms from the kill to the next acknowledgement any sender got (the outage the journal systems saw). */
    private static long outage(ChaosLoad load, Instant killed) {
        long at = killed.toEpochMilli();
        await("an acknowledgement after the kill").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(10))
                .until(() -> load.lastAck > at);
        return load.lastAck - at;
    }

    static int notInLastState(HubCluster cluster, Map<String, String> last) {
        Map<String, String> now = new HashMap<>();
        for (Appointment a : cluster.platform.appointments()) {
            a.getIdentifier().forEach(i -> now.put(i.getValue(), a.getStatus().toCode() + "@" + a.getStart().toInstant()));
        }
        return (int) last.entrySet().stream().filter(e -> !e.getValue().equals(now.get(e.getKey()))).count();
    }

    private static int lettersOnPlatform(HubCluster cluster, List<ChaosLoad.Letter> letters) {
        Set<String> delivered = cluster.platform.letters().stream().flatMap(c -> c.getIdentifier().stream())
                .map(i -> i.getValue()).collect(Collectors.toSet());
        int n = 0;
        for (ChaosLoad.Letter l : letters) {
            Optional<String> id = cluster.db().queryForList("SELECT id FROM letter WHERE source_letter_id = ?", String.class, l.sourceId())
                    .stream().findFirst();
            if (id.isPresent() && delivered.contains(id.get())) {
                n++;
            }
        }
        return n;
    }

    private static Map<String, Long> received(HubCluster cluster, Set<String> numbers) {
        return cluster.smsGateway.received().stream().map(ReceivedSms::to).filter(numbers::contains)
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }
}
