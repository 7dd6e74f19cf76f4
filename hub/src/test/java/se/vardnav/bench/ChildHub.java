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
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The hub in a JVM of its own ({@link HubProcess}), same classpath as the benchmark. Its H2 file database is
 * opened with {@code AUTO_SERVER=TRUE}, so the benchmark can count letters through a second connection; the rest
 * (CPU, heap, route timers) it asks the child on stdin; resident set and peak from {@code /proc/<pid>/status}.
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

    /** @param jvmOptions e.g. "-Xmx384m"; the hub's console (WARN and up) goes to {@code console} */
    static ChildHub start(List<String> hubArgs, String jdbcUrl, String jvmOptions, Path console) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String o : jvmOptions.trim().split("\\s+")) {
            if (!o.isEmpty()) {
                cmd.add(o);
            }
        }
        cmd.addAll(List.of("-cp", se.vardnav.support.HubChild.classPath(), HubProcess.class.getName()));
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
                cpu.put(f[1], Long.parseLong(f[0]));
            }
        }
        return cpu;
    }

    @Override
    public long processCpuNanos() {
        return ask("cpu").stream().filter(l -> l.endsWith("\t" + PROCESS)).mapToLong(l -> Long.parseLong(l.split("\t")[0])).findFirst().orElse(0);
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
