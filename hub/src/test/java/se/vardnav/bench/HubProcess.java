package se.vardnav.bench;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import se.vardnav.VardnavApplication;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;

/**
 * The hub alone in its own JVM, for the benchmarks ({@link ChildHub} starts it): so that its resident set,
 * CPU and garbage are the hub's, not the simulators' or the load clients'. Takes the hub's arguments; prints
 * {@code READY <port>} once the hub is up; then answers one command per line on stdin, each answer ending with
 * {@code END}: {@code prop <key>}, {@code cpu}, {@code heap}, {@code remind <plan>} ({@link ReminderPlan}), {@code reset}, {@code after},
 * {@code quit}.
 */
public final class HubProcess {
    private HubProcess() {}

    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true, StandardCharsets.UTF_8);
        System.setOut(System.err); // the hub's console log must not mix with the answers on stdout
        long t0 = System.nanoTime();
        ConfigurableApplicationContext hub = new SpringApplicationBuilder(VardnavApplication.class).run(args);
        out.printf("READY %s %d%n", hub.getEnvironment().getProperty("local.server.port"), (System.nanoTime() - t0) / 1_000_000);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            String[] cmd = line.strip().split(" ", 2);
            switch (cmd[0]) {
                case "prop" -> out.println(String.valueOf(hub.getEnvironment().getProperty(cmd[1])));
                case "cpu" -> {
                    // no load clients and no simulators here: java.net.http threads in the hub's JVM are its own (Kivra, SMS
                    // gateway), and so are Tomcat's threads on 127.0.0.1 (the hub listens on loopback by default)
                    LetterSampler.cpuByGroup().forEach((group, nanos) -> out.println(nanos + "\t" + switch (group) {
                        case "load clients" -> "hub: outbound HTTP (java.net.http)";
                        case "simulators (HTTP/SOAP servers)" -> "hub: FHIR intake (Tomcat)";
                        default -> group;
                    }));
                    out.println(processCpuNanos() + "\t" + ChildHub.PROCESS);
                }
                case "heap" -> out.println(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() + " "
                        + Runtime.getRuntime().maxMemory() + " " + heapPeak());
                case "remind" -> out.println(ReminderPlan.parse(cmd[1]).apply(hub.getBean(se.vardnav.notification.Reminders.class),
                        hub.getBean(org.springframework.jdbc.core.JdbcTemplate.class)).toNanos());
                case "reset" -> ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
                case "after" -> after(hub.getBean(MeterRegistry.class), out);
                case "quit" -> {
                    hub.close();
                    out.println("END");
                    System.exit(0);
                }
                default -> out.println("unknown command " + cmd[0]);
            }
            out.println("END");
        }
        hub.close();
    }

    /** Sum of the heap pools' peaks since the last reset (each pool peaks at its own moment: an upper bound). */
    static long heapPeak() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                .mapToLong(p -> p.getPeakUsage().getUsed()).sum();
    }

    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static void after(MeterRegistry meters, PrintStream out) {
        var heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        var nonHeap = ManagementFactory.getMemoryMXBean().getNonHeapMemoryUsage();
        out.printf("hub JVM after    VmRSS %d MiB, VmHWM %d MiB; heap used %d MiB of %d MiB committed, max %d MiB; non-heap (metaspace, code) %d MiB%n",
                LetterSampler.status("VmRSS") >> 10, LetterSampler.status("VmHWM") >> 10, heap.getUsed() >> 20, heap.getCommitted() >> 20,
                Runtime.getRuntime().maxMemory() >> 20, nonHeap.getUsed() >> 20);
        System.gc();
        out.printf("                 heap used after System.gc() %d MiB%n", ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() >> 20);
        meters.getMeters().stream().filter(m -> m instanceof Timer && "camel.route.policy".equals(m.getId().getName())
                        && m.getId().getTag("routeId") != null && !m.getId().getTag("routeId").isEmpty())
                .map(Timer.class::cast).filter(t -> t.count() > 0)
                .sorted(Comparator.comparing((Timer t) -> t.getId().getTag("routeId")))
                .forEach(t -> out.printf("  route %-18s n=%6d mean %7.2f ms max %8.1f ms (camel.route.policy, whole run)%n", t.getId().getTag("routeId"),
                        t.count(), t.mean(TimeUnit.MILLISECONDS), t.max(TimeUnit.MILLISECONDS)));
    }
}
