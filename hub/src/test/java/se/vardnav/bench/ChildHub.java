package se.vardnav.bench;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The hub in a JVM of its own ({@link HubProcess}): the benchmark's classpath without the simulators, so the figures
 * of that JVM are the hub's alone. Its H2 file database is opened with {@code AUTO_SERVER=TRUE}, so the benchmark can
 * count rows through a second connection; the rest (heap, route timers) it asks the child on stdin; CPU time, resident
 * set and peak from {@code /proc/<pid>/stat} and {@code /proc/<pid>/status}, read here, outside the hub.
 */
final class ChildHub implements BenchHub {
    static final String PROCESS = "#process";
    private final Process process;
    private final BufferedReader answers;
    private final PrintWriter commands;
    private final String fhirBase;
    private final JdbcTemplate jdbc;
    private final long readyMillis;

    private ChildHub(Process process, BufferedReader answers, String port, long readyMillis, String jdbcUrl) {
        this.process = process;
        this.answers = answers;
        this.commands = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
        this.fhirBase = "http://127.0.0.1:" + port + "/fhir";
        this.readyMillis = readyMillis;
        this.jdbc = new JdbcTemplate(new SimpleDriverDataSource(new org.h2.Driver(), jdbcUrl, "sa", ""));
    }

    /**
     * @param javaHome the JDK to run the hub on (e.g. a Temurin 25 under /usr/lib/jvm), or null for this JVM's
     * @param jvmOptions e.g. "-Xmx384m"; the hub's console (WARN and up) goes to {@code console}
     */
    static ChildHub start(List<String> hubArgs, String jdbcUrl, String javaHome, String jvmOptions, Path console) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(javaHome == null || javaHome.isBlank() ? System.getProperty("java.home") : javaHome, "bin", "java").toString());
        for (String o : jvmOptions.trim().split("\\s+")) {
            if (!o.isEmpty()) {
                cmd.add(o);
            }
        }
        cmd.addAll(List.of("-cp", hubClassPath(), HubProcess.class.getName()));
        cmd.addAll(hubArgs);
        cmd.add("--spring.datasource.url=" + jdbcUrl);
        Process p = new ProcessBuilder(cmd).redirectError(console.toFile()).start();
        BufferedReader answers = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        for (String line = answers.readLine(); line != null; line = answers.readLine()) {
            if (line.startsWith("READY ")) {
                String[] f = line.split(" ");
                return new ChildHub(p, answers, f[1], Long.parseLong(f[2]), jdbcUrl);
            }
        }
        throw new IllegalStateException("the hub's JVM ended before it was ready; see " + console);
    }

    /**
     * The benchmark's classpath without the simulators module: the hub's JVM loads none of the peers' classes (its test
     * classes stay, for {@link HubProcess} and the test secrets initializer, which a benchmark's placeholder secrets need).
     */
    static String hubClassPath() {
        return java.util.Arrays.stream(se.vardnav.support.HubChild.classPath().split(java.io.File.pathSeparator))
                .filter(e -> !isSimulators(e)).collect(java.util.stream.Collectors.joining(java.io.File.pathSeparator));
    }

    static boolean isSimulators(String classPathEntry) {
        String e = classPathEntry.replace('\\', '/');
        return e.contains("/simulators/target/") || e.substring(e.lastIndexOf('/') + 1).startsWith("vardnav-simulators");
    }

    /** The hub's JVM's CPU time so far, user + system, from /proc/&lt;pid&gt;/stat (via the JDK's process info). */
    long cpuNanos() {
        return process.toHandle().info().totalCpuDuration().map(java.time.Duration::toNanos).orElse(0L);
    }

    long pid() {
        return process.pid();
    }

    long readyMillis() {
        return readyMillis;
    }

    private synchronized List<String> ask(String command) {
        commands.println(command);
        List<String> lines = new ArrayList<>();
        try {
            for (String line = answers.readLine(); line != null && !line.equals("END"); line = answers.readLine()) {
                lines.add(line);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return lines;
    }

    @Override
    public String fhirBase() {
        return fhirBase;
    }

    @Override
    public JdbcTemplate jdbc() {
        return jdbc;
    }

    @Override
    public String property(String key) {
        String v = ask("prop " + key).get(0);
        return "null".equals(v) ? null : v;
    }

    @Override
    public Map<String, Long> cpuByGroup() {
        Map<String, Long> cpu = new TreeMap<>();
        for (String line : ask("cpu")) {
            String[] f = line.split("\t", 2);
            if (!PROCESS.equals(f[1])) {
                cpu.merge(f[1], Long.parseLong(f[0]), Long::sum);
            }
        }
        return cpu;
    }

    @Override
    public long processCpuNanos() {
        return cpuNanos();
    }

    @Override
    public Duration planReminders(ReminderPlan plan) {
        return Duration.ofNanos(Long.parseLong(ask("remind " + plan.command()).get(0)));
    }

    @Override
    public long statusKiB(String key) {
        try (Stream<String> s = Files.lines(Path.of("/proc/" + process.pid() + "/status"))) {
            return s.filter(l -> l.startsWith(key + ":")).findFirst().map(l -> Long.parseLong(l.replaceAll("[^0-9]", ""))).orElse(0L);
        } catch (IOException e) {
            return 0;
        }
    }

    private long[] heap() {
        String[] f = ask("heap").get(0).split(" ");
        return new long[] {Long.parseLong(f[0]), Long.parseLong(f[1]), Long.parseLong(f[2])};
    }

    @Override
    public long heapUsed() {
        return heap()[0];
    }

    @Override
    public long heapMax() {
        return heap()[1];
    }

    /** The heap pools' peaks since {@link #resetPeaks()} (summed: an upper bound of the heap's peak). */
    long heapPoolPeaks() {
        return heap()[2];
    }

    @Override
    public void resetPeaks() {
        ask("reset");
    }

    @Override
    public List<String> afterRun() {
        return ask("after");
    }

    @Override
    public boolean shared() {
        return false;
    }

    @Override
    public void close() {
        try {
            ask("quit");
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroy();
            }
        } catch (RuntimeException | InterruptedException e) {
            process.destroy();
        }
    }
}
