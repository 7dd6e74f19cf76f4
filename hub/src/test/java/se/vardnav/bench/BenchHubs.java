package se.vardnav.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts the hub for a benchmark and measures what is the hub's alone: by default the hub runs in a JVM of its own
 * ({@link ChildHub}), the simulators and the load generator in the benchmark's JVM, so the hub's CPU time and
 * resident set are read from its process. {@code -Dbench.separateHub=false} puts it back in the benchmark's JVM;
 * {@code -Dbench.hubJvm="…"} are the hub JVM's options, {@code -Dbench.hubJava=/usr/lib/jvm/…} its JDK.
 */
final class BenchHubs {
    static final boolean SEPARATE = Boolean.parseBoolean(System.getProperty("bench.separateHub", "true"));
    static final String HUB_JVM = System.getProperty("bench.hubJvm", "-Xmx512m");
    static final String HUB_JAVA = System.getProperty("bench.hubJava", "");

    private BenchHubs() {
    }

    /** The hub with these arguments and an H2 file database under {@code data}; reports start → ready. */
    static BenchHub start(List<String> hubArgs, Path data, Report report) throws IOException {
        String jdbcUrl = "jdbc:h2:file:" + data.resolve("db/vardnav");
        long t0 = System.nanoTime();
        if (SEPARATE) {
            // AUTO_SERVER: the hub opens the file; this JVM's queries reach it over a local TCP server H2 starts in the hub
            ChildHub child = ChildHub.start(hubArgs, jdbcUrl + ";AUTO_SERVER=TRUE", HUB_JAVA, HUB_JVM, data.resolve("hub-console.log"));
            report.line("start → ready    %.2f s (hub JVM pid %d, %s %s; SpringApplication.run → ready %.2f s)", (System.nanoTime() - t0) / 1e9,
                    child.pid(), HUB_JAVA.isBlank() ? "this JDK" : HUB_JAVA, HUB_JVM, child.readyMillis() / 1e3);
            return child;
        }
        List<String> args = new ArrayList<>(hubArgs);
        args.add("--spring.datasource.url=" + jdbcUrl);
        InProcessHub hub = new InProcessHub(args);
        report.line("start → ready    %.2f s (hub in this JVM, with the simulators and clients)", (System.nanoTime() - t0) / 1e9);
        return hub;
    }

    /**
     * The raw broker in the same run: plain JMS persistent messages against the hub's broker, and the hub's CPU per
     * such message (the broker's own cost, the floor under anything the hub carries). @return raw msg/s
     */
    static double rawBroker(Report report, BenchHub hub, String brokerUrl, int messages, int connections, long maxWaitSeconds)
            throws Exception {
        long hubCpu = hub.processCpuNanos();
        RawBrokerBaseline.Result r = RawBrokerBaseline.run(brokerUrl, "vardnav", "vardnav", "bench.raw", messages, connections, maxWaitSeconds);
        hubCpu = hub.processCpuNanos() - hubCpu;
        report.raw(r);
        report.line("  hub JVM CPU per raw message %.3f ms (%s)", hubCpu / 1e6 / Math.max(1, r.received()), scope(hub));
        return r.perSecond();
    }

    /** Opens a CPU measurement of the hub's JVM and of this one; {@link Cpu#report} closes it. */
    static Cpu cpu(BenchHub hub) {
        return new Cpu(hub, hub.processCpuNanos(), HubProcess.processCpuNanos(), System.nanoTime());
    }

    record Cpu(BenchHub hub, long hubStart, long ownStart, long wallStart) {
        /**
         * Lines: the hub's CPU per item (the figure least dependent on what else the machine runs), cores busy, and this
         * JVM's share when apart. @param label said after the item, e.g. " in the throughput run", or empty
         */
        double report(Report report, String label, int items, String item) {
            long hubCpu = hub.processCpuNanos() - hubStart;
            long ownCpu = HubProcess.processCpuNanos() - ownStart;
            double wall = (System.nanoTime() - wallStart) / 1e9;
            double perItem = hubCpu / 1e6 / Math.max(1, items);
            report.line("  hub CPU        %.2f ms per %s%s (%.1f s over %d; %.2f cores busy on average; %s)", perItem, item, label,
                    hubCpu / 1e9, items, hubCpu / 1e9 / wall, scope(hub));
            if (!hub.shared()) {
                report.line("  benchmark JVM  %.2f ms per %s (simulators, load generator: not in the figure above)", ownCpu / 1e6 / Math.max(1, items), item);
            }
            return perItem;
        }
    }

    /** Memory of the hub's JVM: the kernel's peak resident set since it started, and now. */
    static void memory(Report report, BenchHub hub) {
        report.line("hub memory       VmHWM (peak RSS) %d MiB, VmRSS now %d MiB (%s)", hub.statusKiB("VmHWM") >> 10,
                hub.statusKiB("VmRSS") >> 10, scope(hub));
        if (!hub.shared()) {
            report.line("                 benchmark JVM (simulators, load generator): VmHWM %d MiB", LetterSampler.status("VmHWM") >> 10);
        }
    }

    static String scope(BenchHub hub) {
        return hub.shared() ? "whole JVM: hub + simulators + load generator" : "hub JVM only";
    }
}
