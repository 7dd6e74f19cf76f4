package se.vardnav.support.kannel;

import se.vardnav.support.HubTestBase;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.awaitility.core.ConditionTimeoutException;

import static org.awaitility.Awaitility.await;

/**
 * A real Kannel 1.4 (Debian's {@code kannel} and {@code kannel-extras}) on loopback ports of its own: bearerbox,
 * smsbox and {@code fakesmsc} as the operator's SMSC, started from generated configuration in a temporary folder
 * (no system service, no default port). What the SMSC received is read from fakesmsc's output.
 * <p>Binaries are found at Debian's paths, or where {@code -Dkannel.bin=<folder>} says (all three in one folder).
 */
public final class RealKannel implements AutoCloseable {
    public static final String USER = "vardnav";
    /** Numbers with this prefix the SMSC link refuses (Kannel: "Not routable", report 16). */
    public static final String REFUSED_PREFIX = "+4670999";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    private final Path dir;
    private final int adminPort = HubTestBase.freePort();
    private final int boxPort = HubTestBase.freePort();
    private final int smscPort = HubTestBase.freePort();
    private final int sendsmsPort = HubTestBase.freePort();
    private final int maxMessages;
    private final FakeSmscLog smsc = new FakeSmscLog();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private volatile String password;
    private Process bearerbox;
    private Process smsbox;
    private Process fakesmsc;

    public RealKannel(String password, int maxMessages) {
        this.password = password;
        this.maxMessages = maxMessages;
        try {
            this.dir = Files.createTempDirectory("vardnav-kannel");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path bin(String name, String debianPath) {
        String folder = System.getProperty("kannel.bin");
        return folder != null ? Path.of(folder, name) : Path.of(debianPath);
    }

    static Path bearerboxBinary() {
        return bin("bearerbox", "/usr/sbin/bearerbox");
    }

    static Path smsboxBinary() {
        return bin("smsbox", "/usr/sbin/smsbox");
    }

    static Path fakesmscBinary() {
        return bin("fakesmsc", "/usr/lib/kannel/test/fakesmsc");
    }

    /** Whether the three programs are installed; the suite is skipped, with this said, where they are not. */
    public static boolean available() {
        return Files.isExecutable(bearerboxBinary()) && Files.isExecutable(smsboxBinary()) && Files.isExecutable(fakesmscBinary());
    }

    /** The base URL of smsbox's sendsms interface. */
    public String sendsmsUrl() {
        return "http://127.0.0.1:" + sendsmsPort;
    }

    public int sendsmsPort() {
        return sendsmsPort;
    }

    public List<FakeSmscLog.Sms> received() {
        return smsc.received();
    }

    public synchronized RealKannel start() {
        writeConfig();
        bearerbox = run("bearerbox", bearerboxBinary().toString(), "-v", "1", config());
        awaitPort(smscPort);
        fakesmsc = startFakesmsc();
        smsbox = run("smsbox", smsboxBinary().toString(), "-v", "1", config());
        awaitReady();
        return this;
    }

    /** Kannel gone: smsbox, SMSC link and bearerbox stopped; messages it had not sent are lost with it. */
    public synchronized void stop() {
        stop(smsbox);
        stop(fakesmsc);
        stop(bearerbox);
        smsbox = fakesmsc = bearerbox = null;
    }

    /** The operator changes the sendsms password (smsbox reads it at start): smsbox restarts with it. */
    public synchronized void changePassword(String newPassword) {
        password = newPassword;
        writeConfig();
        stop(smsbox);
        smsbox = run("smsbox", smsboxBinary().toString(), "-v", "1", config());
        awaitReady();
    }

    @Override
    public void close() {
        stop();
    }

    private String config() {
        return dir.resolve("kannel.conf").toString();
    }

    /**
     * The configuration the hub's connector README describes: a sendsms-user with max-messages at least the
     * hub's max segments and concatenation on, internal DLR storage, and dlr-url calls not retried (Kannel's
     * default, stated), so that a report the hub fails to take would be lost and a test would see it.
     */
    private void writeConfig() {
        String conf = String.join("\n",
                "group = core",
                "admin-port = " + adminPort,
                "admin-interface = 127.0.0.1",
                "admin-password = admin-" + adminPort,
                "smsbox-port = " + boxPort,
                "smsbox-interface = 127.0.0.1",
                "box-allow-ip = 127.0.0.1",
                "log-file = \"" + dir.resolve("bearerbox.log") + "\"",
                "log-level = 1",
                "access-log = \"" + dir.resolve("access.log") + "\"",
                "dlr-storage = internal",
                "",
                "group = smsc",
                "smsc = fake",
                "smsc-id = fake",
                "port = " + smscPort,
                "our-host = 127.0.0.1",
                "connect-allow-ip = 127.0.0.1",
                "denied-prefix = " + REFUSED_PREFIX,
                "",
                "group = smsbox",
                "bearerbox-host = 127.0.0.1",
                "bearerbox-port = " + boxPort,
                "sendsms-port = " + sendsmsPort,
                "sendsms-interface = 127.0.0.1",
                "log-file = \"" + dir.resolve("smsbox.log") + "\"",
                "log-level = 1",
                "http-request-retry = 0",
                "",
                "group = sendsms-user",
                "username = " + USER,
                "password = " + password,
                "max-messages = " + maxMessages,
                "concatenation = true",
                "");
        try {
            Files.writeString(dir.resolve("kannel.conf"), conf);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Process run(String name, String... command) {
        try {
            return new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve(name + ".out").toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + name, e);
        }
    }

    /** fakesmsc sends nothing itself ({@code -m 0}) and prints each message it receives; read as it comes. */
    private Process startFakesmsc() {
        Process p;
        try {
            p = new ProcessBuilder(fakesmscBinary().toString(), "-H", "127.0.0.1", "-r", String.valueOf(smscPort), "-m", "0",
                    "0 0 text unused").directory(dir.toFile()).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start fakesmsc", e);
        }
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    smsc.accept(line);
                }
            } catch (IOException e) {
                // the process ended
            }
        }, "fakesmsc-output");
        reader.setDaemon(true);
        reader.start();
        return p;
    }

    private static void stop(Process p) {
        if (p == null || !p.isAlive()) {
            return;
        }
        p.destroy(); // SIGTERM: Kannel shuts down in order
        try {
            if (!p.waitFor(15, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void awaitPort(int port) {
        try {
            await().atMost(START_TIMEOUT).pollInterval(Duration.ofMillis(100)).until(() -> listens(port));
        } catch (ConditionTimeoutException e) {
            throw new IllegalStateException("Kannel did not listen on " + port + " in " + START_TIMEOUT + "; logs in " + dir + ": " + tails());
        }
    }

    private static boolean listens(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Ready when bearerbox says the SMSC link and smsbox are on line and sendsms answers. */
    private void awaitReady() {
        try {
            await().atMost(START_TIMEOUT).pollInterval(Duration.ofMillis(100)).until(() -> {
                String status = status();
                return status.contains("(online") && status.contains("smsbox:") && status.contains("on-line") && listens(sendsmsPort);
            });
        } catch (ConditionTimeoutException e) {
            throw new IllegalStateException("Kannel was not ready in " + START_TIMEOUT + "; logs in " + dir + ": " + tails());
        }
    }

    private String status() {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + adminPort + "/status.txt?password=admin-" + adminPort))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    private String tails() {
        List<String> out = new ArrayList<>();
        for (String f : List.of("bearerbox.out", "smsbox.out")) {
            try {
                List<String> lines = Files.readAllLines(dir.resolve(f), StandardCharsets.ISO_8859_1);
                out.add(f + ": " + String.join(" | ", lines.subList(Math.max(0, lines.size() - 5), lines.size())));
            } catch (IOException e) {
                out.add(f + ": " + e.getMessage());
            }
        }
        return String.join("; ", out);
    }

}
