package se.vardnav.bench;

import se.vardnav.sim.platform.PlatformSimulator;
import se.vardnav.sim.register.RegisterSimulator;
import se.vardnav.sim.sms.HttpSmsGatewaySimulator;
import se.vardnav.support.PackagedHub;

import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Start → ready of the packaged hub as a region runs it ({@code java [options] -jar app.jar}, in an empty directory,
 * H2 and the embedded broker under ./data): from the process's start to the first 200 of
 * {@code /actuator/health/readiness}, polled every 20 ms, over several starts (the median is the figure). Also the
 * hub's CPU time and peak resident set at that moment (less dependent on what else the machine runs). The peers
 * (platform, register, SMS gateway) are simulators in this JVM. Asserts nothing; exits 1 only if a start never
 * became ready.
 * <p>
 * {@code -Dbench.hubJava=/usr/lib/jvm/temurin-25-jdk-amd64} the JDK, {@code -Dbench.hubJvm="…"} its options (e.g.
 * {@code -XX:AOTCache=app.aot}), {@code -Dbench.jar=…} another jar (e.g. the extracted one), {@code -Dbench.hubArgs="…"}
 * more hub arguments, {@code -Dbench.trainJvm="…"} a training start first with these options and
 * {@code -Dspring.context.exit=onRefresh} (e.g. {@code -XX:AOTCacheOutput=app.aot}). See docs/benchmarks.md.
 */
public final class StartupBenchmark {
    static final int STARTS = Integer.getInteger("bench.starts", 5);
    static final String JAVA = System.getProperty("bench.hubJava", "").isBlank() ? System.getProperty("java.home") : System.getProperty("bench.hubJava");
    static final String JVM = System.getProperty("bench.hubJvm", "-Xmx512m");
    static final String TRAIN_JVM = System.getProperty("bench.trainJvm", "");
    static final String HUB_ARGS = System.getProperty("bench.hubArgs", "");
    static final Duration MAX_WAIT = Duration.ofSeconds(Long.getLong("bench.maxWaitSeconds", 300));
    private static final Pattern STARTED = Pattern.compile("Started VardnavApplication in ([0-9.]+) seconds \\(process running for ([0-9.]+)\\)");

    private StartupBenchmark() {}

    record Start(double readyMs, double cpuMs, long hwmKiB, String springSays) {}

    public static void main(String[] args) throws Exception {
        Report report = new Report();
        report.machine(LocalDateTime.now());
        Path jar = (System.getProperty("bench.jar", "").isBlank() ? PackagedHub.jar() : Path.of(System.getProperty("bench.jar"))).toAbsolutePath();
        String platformSecret = UUID.randomUUID().toString();
        String smsPassword = "bench-" + UUID.randomUUID();
        PlatformSimulator platform = new PlatformSimulator(0).requireTokens(PlatformSimulator.DEMO_CLIENT_ID, platformSecret).start();
        RegisterSimulator register = new RegisterSimulator(0).start();
        HttpSmsGatewaySimulator sms = new HttpSmsGatewaySimulator(0, HttpSmsGatewaySimulator.DEFAULT_USER, smsPassword).start();
        PackagedHub.Peers peers = new PackagedHub.Peers(platform, platformSecret, register, sms, smsPassword);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        report.line("hub              %s/bin/java %s -jar %s %s", JAVA, JVM, jar, HUB_ARGS);
        boolean allReady = true;
        List<Start> starts = new ArrayList<>();
        try {
            if (!TRAIN_JVM.isBlank()) {
                long t0 = System.nanoTime();
                int exit = train(jar, peers);
                report.line("training start   %s -Dspring.context.exit=onRefresh: exit %d after %.2f s", TRAIN_JVM, exit, (System.nanoTime() - t0) / 1e9);
            }
            // one start not counted: the jar and the JDK's files into the page cache
            for (int i = -1; i < STARTS; i++) {
                Start s = start(jar, peers, http);
                if (s == null) {
                    allReady = false;
                } else if (i >= 0) {
                    starts.add(s);
                    report.line("start %d          ready %.2f s, hub CPU %.2f s, VmHWM %d MiB; Spring: %s", i + 1, s.readyMs() / 1e3, s.cpuMs() / 1e3,
                            s.hwmKiB() >> 10, s.springSays());
                }
            }
        } finally {
            platform.close();
            register.close();
            sms.close();
        }
        if (!starts.isEmpty()) {
            report.line("start → ready    median %.2f s (min %.2f, max %.2f) over %d starts; hub CPU to ready median %.2f s; VmHWM median %d MiB",
                    median(starts, Start::readyMs) / 1e3, starts.stream().mapToDouble(Start::readyMs).min().orElse(0) / 1e3,
                    starts.stream().mapToDouble(Start::readyMs).max().orElse(0) / 1e3, starts.size(), median(starts, Start::cpuMs) / 1e3,
                    (long) median(starts, s -> s.hwmKiB()) >> 10);
        }
        report.line("load avg (end)   %s", Report.loadAverage());
        report.print("Vårdnav start-up benchmark (packaged hub, start → readiness 200)");
        System.exit(allReady ? 0 : 1);
    }

    private static List<String> command(Path jar, String jvmOptions, PackagedHub.Peers peers, int http) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(JAVA, "bin", "java").toString());
        split(jvmOptions).forEach(cmd::add);
        cmd.addAll(List.of("-jar", jar.toString()));
        cmd.addAll(PackagedHub.arguments(peers, PackagedHub.freePort(), PackagedHub.freePort(), http));
        split(HUB_ARGS).forEach(cmd::add);
        return cmd;
    }

    private static Stream<String> split(String options) {
        return Arrays.stream(options.trim().split("\\s+")).filter(o -> !o.isEmpty());
    }

    /** One start in a fresh directory; null if it did not become ready. */
    private static Start start(Path jar, PackagedHub.Peers peers, HttpClient http) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("vardnav-bench-startup");
        Files.createDirectory(dir.resolve("data"));
        Path log = dir.resolve("hub.log");
        int port = PackagedHub.freePort();
        long t0 = System.nanoTime();
        Process hub = new ProcessBuilder(command(jar, JVM, peers, port)).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        try {
            long deadline = t0 + MAX_WAIT.toNanos();
            while (PackagedHub.readiness(http, port) != 200) {
                if (!hub.isAlive() || System.nanoTime() > deadline) {
                    System.err.println("the hub did not become ready; its log: " + log);
                    return null;
                }
                Thread.sleep(20);
            }
            double readyMs = (System.nanoTime() - t0) / 1e6;
            double cpuMs = hub.toHandle().info().totalCpuDuration().map(Duration::toNanos).orElse(0L) / 1e6;
            long hwm = status(hub.pid(), "VmHWM");
            return new Start(readyMs, cpuMs, hwm, springSays(log));
        } finally {
            hub.destroy();
            if (!hub.waitFor(60, TimeUnit.SECONDS)) {
                hub.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            delete(dir);
        }
    }

    /** The training start: the same hub with the training options, ended by Spring once the context is refreshed. */
    private static int train(Path jar, PackagedHub.Peers peers) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("vardnav-bench-startup-train");
        Files.createDirectory(dir.resolve("data"));
        List<String> cmd = command(jar, TRAIN_JVM + " -Dspring.context.exit=onRefresh", peers, PackagedHub.freePort());
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).redirectOutput(dir.resolve("train.log").toFile()).start();
        if (!p.waitFor(MAX_WAIT.toSeconds(), TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            System.err.println("training start did not end; its log: " + dir.resolve("train.log"));
            return -1;
        }
        if (p.exitValue() != 0) {
            System.err.println("training start ended with " + p.exitValue() + "; its log: " + dir.resolve("train.log"));
            return p.exitValue();
        }
        delete(dir);
        return 0;
    }

    private static String springSays(Path log) throws IOException {
        Matcher m = STARTED.matcher(Files.readString(log));
        return m.find() ? "started in " + m.group(1) + " s (process running for " + m.group(2) + " s)" : "n/a";
    }

    private static long status(long pid, String key) {
        try (Stream<String> s = Files.lines(Path.of("/proc/" + pid + "/status"))) {
            return s.filter(l -> l.startsWith(key + ":")).findFirst().map(l -> Long.parseLong(l.replaceAll("[^0-9]", ""))).orElse(0L);
        } catch (IOException e) {
            return 0;
        }
    }

    private static double median(List<Start> starts, java.util.function.ToDoubleFunction<Start> f) {
        double[] v = starts.stream().mapToDouble(f).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
