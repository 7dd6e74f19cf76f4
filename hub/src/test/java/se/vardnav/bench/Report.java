package se.vardnav.bench;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static se.vardnav.bench.BookingLoad.percentileMs;

/** Collects the figures of one benchmark run and prints them as one block. */
final class Report {
    private final List<String> lines = new ArrayList<>();
    private double rawPerSecond = Double.NaN;
    private int lost;
    private int refused;

    void machine(LocalDateTime when) {
        add("date             %s", when.format(DateTimeFormatter.ISO_LOCAL_DATE_TIME).substring(0, 19));
        add("cpus (nproc)     %d", Runtime.getRuntime().availableProcessors());
        add("cpu model        %s", firstLine("/proc/cpuinfo", "model name"));
        add("memory           %s", firstLine("/proc/meminfo", "MemTotal"));
        add("java             %s %s (%s)", System.getProperty("java.vm.name"), System.getProperty("java.runtime.version"),
                System.getProperty("java.vendor"));
        add("max heap         %d MiB", Runtime.getRuntime().maxMemory() >> 20);
        add("load avg (start) %s", loadAverage());
    }

    void startup(Duration toReady, Duration jvmUptime) {
        add("start → ready    %.2f s (SpringApplication.run → ApplicationReadyEvent); JVM uptime at ready %.2f s",
                toReady.toMillis() / 1000.0, jvmUptime.toMillis() / 1000.0);
    }

    void config(int n, int connections, int rate, int seconds, int warmup, int platformConsumers, int journalConsumers,
                String platform, Path data) {
        add("config           N=%d, MLLP connections=%d, warm-up=%d, latency run %d/s × %d s, consumers policy=%d platform=%d, platform peer=%s",
                n, connections, warmup, rate, seconds, journalConsumers, platformConsumers, platform);
        add("data dir         %s", data);
    }

    void raw(RawBrokerBaseline.Result r) {
        rawPerSecond = r.perSecond();
        add("raw broker       %d/%d persistent 1 KiB msgs in %.2f s → %.0f msg/s end to end", r.received(), r.messages(),
                r.nanos() / 1e9, rawPerSecond);
    }

    void warmup(BookingLoad.Matched m) {
        count(m);
        add("warm-up          %d delivered, p50 ACK→platform %.1f ms", m.ackToPlatformMicros().length,
                percentileMs(m.ackToPlatformMicros(), 50));
    }

    void throughput(int n, BookingLoad.Matched m) {
        count(m);
        double seconds = m.lastWrite() == null ? Double.NaN : BookingLoad.micros(m.firstSend(), m.lastWrite()) / 1e6;
        double perSecond = m.ackToPlatformMicros().length / seconds;
        add("throughput       %d bookings, first send → last platform write %.2f s → %.0f bookings/s sustained", n, seconds, perSecond);
        add("  ACK → platform p50 %.1f ms, p99 %.1f ms, max %.1f ms", percentileMs(m.ackToPlatformMicros(), 50),
                percentileMs(m.ackToPlatformMicros(), 99), percentileMs(m.ackToPlatformMicros(), 100));
        add("  send → ACK     p50 %.1f ms, p99 %.1f ms", percentileMs(m.sendToAckMicros(), 50), percentileMs(m.sendToAckMicros(), 99));
        add("  ratio to raw broker %.2f (bookings/s ÷ raw msg/s)", perSecond / rawPerSecond);
        add("  refused %d, lost %d", m.refused(), m.lost());
    }

    void latency(int rate, int seconds, BookingLoad.Matched m) {
        count(m);
        add("latency run      %d/s for %d s (%d bookings)", rate, seconds, rate * seconds);
        add("  ACK → platform p50 %.1f ms, p99 %.1f ms, max %.1f ms", percentileMs(m.ackToPlatformMicros(), 50),
                percentileMs(m.ackToPlatformMicros(), 99), percentileMs(m.ackToPlatformMicros(), 100));
        add("  due → ACK      p50 %.1f ms, p99 %.1f ms", percentileMs(m.sendToAckMicros(), 50), percentileMs(m.sendToAckMicros(), 99));
        add("  refused %d, lost %d", m.refused(), m.lost());
    }

    void memory() {
        var heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        add("memory after run VmRSS %s (whole JVM: hub + simulators + load generator); heap used %d MiB of %d MiB committed",
                firstLine("/proc/self/status", "VmRSS").replaceAll("\\s+", " "), heap.getUsed() >> 20, heap.getCommitted() >> 20);
        System.gc();
        add("                 heap used after System.gc() %d MiB", ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() >> 20);
        add("load avg (end)   %s", loadAverage());
    }

    /** WARN/ERROR lines of the hub's log, grouped by logger and message with numbers blanked. */
    void hubLog(Path log) throws IOException {
        Map<String, Long> groups;
        try (Stream<String> s = Files.lines(log)) {
            groups = s.filter(l -> l.contains(" WARN ") || l.contains(" ERROR "))
                    .map(l -> l.replaceFirst("^\\S+\\s+(\\w+) \\d+ --- \\[[^]]*\\] \\[[^]]*\\] ", "$1 ").replaceAll("\\d+", "#"))
                    .collect(Collectors.groupingBy(l -> l.length() > 200 ? l.substring(0, 200) + "…" : l, TreeMap::new, Collectors.counting()));
        }
        add("hub log          %d WARN/ERROR lines in %d kinds (%s)", groups.values().stream().mapToLong(Long::longValue).sum(),
                groups.size(), log);
        groups.forEach((line, n) -> add("  %5d × %s", n, line));
    }

    /** Camel's per-route timers from the hub's meter registry: where an exchange spends its time. */
    void routeTimers(MeterRegistry meters) {
        meters.getMeters().stream().filter(m -> m instanceof Timer && "camel.route.policy".equals(m.getId().getName())
                        && m.getId().getTag("routeId") != null && !m.getId().getTag("routeId").isEmpty())
                .map(Timer.class::cast).filter(t -> t.count() > 0)
                .sorted(Comparator.comparing((Timer t) -> t.getId().getTag("routeId")))
                .forEach(t -> add("  route %-18s n=%6d mean %7.2f ms max %8.1f ms (camel.route.policy, whole run)", t.getId().getTag("routeId"),
                        t.count(), t.mean(TimeUnit.MILLISECONDS), t.max(TimeUnit.MILLISECONDS)));
    }

    boolean allDelivered() {
        return lost == 0 && refused == 0;
    }

    List<String> lines() {
        return lines;
    }

    /** A free-form line, for benchmarks other than the booking one. */
    void line(String format, Object... args) {
        add(format, args);
    }

    void print() {
        print("Vårdnav booking benchmark");
    }

    void print(String title) {
        System.out.println();
        System.out.println("==================== " + title + " ====================");
        lines.forEach(System.out::println);
        System.out.println("===================================================================");
    }

    private void count(BookingLoad.Matched m) {
        lost += m.lost();
        refused += m.refused();
    }

    private void add(String format, Object... args) {
        lines.add(String.format(format, args));
    }

    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "n/a";
        }
    }

    private static String firstLine(String file, String key) {
        try (Stream<String> s = Files.lines(Path.of(file))) {
            return s.filter(l -> l.startsWith(key)).findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("n/a");
        } catch (IOException e) {
            return "n/a";
        }
    }
}
