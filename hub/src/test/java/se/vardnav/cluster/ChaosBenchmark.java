package se.vardnav.cluster;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.awaitility.Awaitility.await;

/**
 * The chaos run at full size as a benchmark (docs/benchmarks.md "Chaos: two hubs and a broker pair"): throughput with
 * one hub and with two on the broker pair (new bookings over MLLP until all are on the platform), then the chaos
 * scenario ({@link ChaosScenario}) at {@code chaos.bookings / chaos.letters / chaos.reminders} (10,000 / 2,000 /
 * 2,000), printing failover and recovery times. Needs PostgreSQL on 127.0.0.1:5432 (database test). Exits 1 when
 * something acknowledged was lost, sent twice or applied out of order.
 * <pre>./mvnw -Pbench -DskipTests test-compile exec:exec -pl hub -Dbench.main=se.vardnav.cluster.ChaosBenchmark</pre>
 */
public final class ChaosBenchmark {
    static final List<String> SETTINGS = List.of(
            "vardnav.platform.consumers=4",
            "vardnav.notification.reminder-poll-ms=500");

    private ChaosBenchmark() {}

    public static void main(String[] args) throws Exception {
        ChaosScenario.Size size = ChaosScenario.Size.fromProperties("chaos", 10_000, 2_000, 2_000);
        int throughputBookings = Integer.getInteger("chaos.throughputBookings", 2_000);
        Duration bound = Duration.ofMinutes(Long.getLong("chaos.maxMinutes", 30));
        System.out.printf("ChaosBenchmark %s: %s, throughput runs of %d bookings, %d cores, load average %.1f%n", LocalDateTime.now(),
                size, throughputBookings, Runtime.getRuntime().availableProcessors(),
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        int exit = 0;
        try (HubCluster cluster = new HubCluster("chaosbench", SETTINGS, true)) {
            cluster.hub(1).process.stop(60);
            double one = throughput(cluster, throughputBookings, 1);
            cluster.start(cluster.hub(1));
            double two = throughput(cluster, throughputBookings, 2);
            System.out.printf("throughput: 1 hub %.1f bookings/s, 2 hubs %.1f bookings/s (MLLP in -> platform, broker pair)%n", one, two);
            ChaosScenario.Result r = ChaosScenario.run(cluster, size, bound);
            System.out.println("chaos: " + r);
            System.out.printf("chaos figures: hub kill -> next ack %d ms; hub restart -> ready %d ms; primary kill -> backup active %d ms, "
                            + "-> next ack %d ms; primary restart -> fail-back and backup in sync %d ms; whole run %d s; %d resends%n",
                    r.hubOutageMs(), r.hubRestartMs(), r.brokerFailoverMs(), r.brokerOutageMs(), r.brokerRestartMs(), r.runMs() / 1000, r.resends());
            boolean ok = r.acked() == r.events() && r.bookingsNotInLastState() == 0 && r.outOfOrder() == 0 && r.lettersMissing() == 0
                    && r.lettersTwice() == 0 && r.remindersMissing() == 0 && r.remindersTwice() == 0 && r.smsTwice() == 0;
            System.out.println(ok ? "chaos: nothing lost, nothing twice, nothing out of order" : "chaos: FAILED, see the counts above");
            exit = ok ? 0 : 1;
        }
        System.exit(exit);
    }

    /** New bookings (one S12 each) over four MLLP connections to the running hubs; bookings/s until all on the platform. */
    private static double throughput(HubCluster cluster, int n, int hubs) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<ChaosLoad.Booking> bookings = ChaosLoad.newBookings(run, n);
        ChaosLoad load = new ChaosLoad(cluster, Duration.ofMinutes(30));
        java.util.Map<String, String> last = new java.util.HashMap<>();
        bookings.forEach(b -> last.put(b.id(), b.last()));
        Instant start = Instant.now();
        List<Thread> senders = IntStream.range(0, 4).mapToObj(s -> ChaosScenario.thread("journal-" + s, () -> load.sendBookings(
                IntStream.range(0, n).filter(i -> i % 4 == s).mapToObj(bookings::get).toList(), s % hubs))).toList();
        for (Thread t : senders) {
            t.join();
        }
        await().atMost(Duration.ofMinutes(30)).pollInterval(Duration.ofMillis(500)).until(() -> ChaosScenario.notInLastState(cluster, last) == 0);
        return n * 1000.0 / Duration.between(start, Instant.now()).toMillis();
    }
}
