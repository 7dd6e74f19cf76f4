package se.vardnav.cluster;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import se.vardnav.sim.mailbox.KivraSimulator;
import se.vardnav.sim.mailbox.MailboxSimProperties;
import se.vardnav.sim.mailbox.MinaMeddelandenSimulator;
import se.vardnav.sim.platform.PlatformSimulator;
import se.vardnav.sim.register.RegisterSimulator;
import se.vardnav.sim.sms.HttpSmsGatewaySimulator;
import se.vardnav.support.HubChild;
import se.vardnav.support.HubTestBase;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.awaitility.Awaitility.await;

/**
 * Two hubs, each a process of its own, on ONE external Artemis broker (a {@link BrokerChild}) and ONE PostgreSQL
 * schema (fresh per run, in database {@code test} on 127.0.0.1:5432), with the simulated peers in the test's JVM over
 * real sockets. The hubs share the letter document store and the letter drop folder, as hubs on shared storage would.
 * Each hub's console goes to {@code <dir>/hub-<name>.log}.
 */
final class HubCluster implements AutoCloseable {
    static final String KIVRA = "165568402266";
    /** The queues the broker creates with their DLQs (the fixed list of application.yml; others are created on use). */
    private static final List<String> QUEUES = List.of("hub.appointment", "platform.appointment", "journal.inbound", "notify.sms",
            "notify.email", "hub.letter", "platform.letter");

    final PlatformSimulator platform = new PlatformSimulator(0).start();
    final RegisterSimulator register = new RegisterSimulator(0).start();
    final HttpSmsGatewaySimulator smsGateway = new HttpSmsGatewaySimulator(0).start();
    final MinaMeddelandenSimulator mailboxes = new MinaMeddelandenSimulator(0).start();
    final KivraSimulator kivra = new KivraSimulator(0, "vardnav-test", "vardnav", "kivra-test-secret").start();
    final Path dir;
    final Path dropDir;
    final String schema;
    /** The one broker, or null when the hubs use {@link #pair}. */
    final BrokerChild broker;
    /** The broker primary/backup pair, or null when the hubs use one {@link #broker}. */
    final BrokerPair pair;
    final List<Hub> hubs = new ArrayList<>();
    private final JdbcTemplate db;

    /** One hub: its ports, its process and its console. */
    static final class Hub {
        final String name;
        final int mllpPort = HubTestBase.freePort();
        final int httpPort = HubTestBase.freePort();
        final Path console;
        final List<String> args;
        HubChild process;

        Hub(String name, Path console, List<String> args) {
            this.name = name;
            this.console = console;
            this.args = args;
        }

        String fhirBase() {
            return "http://127.0.0.1:" + httpPort + "/fhir";
        }

        /** How often this hub's console has a line with this text (across restarts). */
        long logLines(String text) throws IOException {
            try (var lines = Files.lines(console)) {
                return lines.filter(l -> l.contains(text)).count();
            }
        }
    }

    static boolean postgres() {
        return String.valueOf(System.getProperty("spring.profiles.active")).contains("postgres");
    }

    /** @param settings for both hubs, {@code key=value} without the leading dashes */
    HubCluster(String name, List<String> settings) throws Exception {
        this(name, settings, false);
    }

    /** @param brokerPair the hubs on a replicated primary/backup pair ({@link BrokerPair}) with the failover URL */
    HubCluster(String name, List<String> settings, boolean brokerPair) throws Exception {
        mailboxes.addOperator(KIVRA, "Kivra");
        String run = UUID.randomUUID().toString().substring(0, 8);
        dir = Files.createTempDirectory("vardnav-" + name);
        dropDir = dir.resolve("letter-drop");
        schema = "vardnav_" + name + "_" + run;
        pair = brokerPair ? BrokerPair.start(dir, QUEUES) : null;
        broker = brokerPair ? null : BrokerChild.start(HubTestBase.freePort(), dir.resolve("broker"), QUEUES, dir.resolve("broker.log"));
        String brokerUrl = brokerPair ? pair.url() : broker.url();
        db = new JdbcTemplate(new SimpleDriverDataSource(new org.postgresql.Driver(), jdbcUrl(), "postgres", ""));
        for (String hub : List.of("a", "b")) {
            Path console = dir.resolve("hub-" + hub + ".log");
            List<String> args = new ArrayList<>();
            Hub h = new Hub(hub, console, args);
            args.addAll(List.of(
                    "--vardnav.data-dir=" + dir.resolve("hub-" + hub),
                    "--vardnav.cluster.instance=hub-" + hub,
                    // one key for both hubs (and the test's planner): what one seals, the other opens
                    "--vardnav.data-keys.current=k1", "--vardnav.data-keys.keys.k1=" + se.vardnav.privacy.TestKeys.K1,
                    "--vardnav.broker.embedded=false",
                    "--vardnav.broker.url=" + brokerUrl,
                    "--vardnav.journal.mllp.port=" + h.mllpPort,
                    "--server.port=" + h.httpPort,
                    // shared storage: the claim-checked PDFs and the drop folder
                    "--vardnav.letter.documents-dir=" + dir.resolve("letters"),
                    "--vardnav.letter.drop-dir=" + dropDir,
                    "--vardnav.platform.base-url=" + platform.baseUrl(),
                    "--vardnav.register.url=" + register.endpointUrl(),
                    "--vardnav.register.cache-ttl=0s",
                    "--vardnav.sms.base-url=" + smsGateway.baseUrl(),
                    "--vardnav.sms.user=" + HttpSmsGatewaySimulator.DEFAULT_USER,
                    "--vardnav.sms.password=" + HttpSmsGatewaySimulator.DEFAULT_PASSWORD,
                    "--vardnav.retry.initial-delay=100",
                    "--vardnav.retry.max-delay=1000",
                    "--spring.profiles.active=postgres",
                    "--spring.datasource.url=" + jdbcUrl(),
                    "--spring.flyway.schemas=" + schema, "--spring.flyway.create-schemas=true"));
            MailboxSimProperties.of(mailboxes, kivra, KIVRA).forEach((k, v) -> args.add("--" + k + "=" + v));
            settings.forEach(s -> args.add("--" + s));
            hubs.add(h);
        }
        // one after the other: the first runs the migrations, the second finds them done
        try {
            for (Hub h : hubs) {
                start(h);
            }
        } catch (Exception | Error e) {
            close(); // no broker or hub process left behind by a start that failed
            throw e;
        }
    }

    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:5432/test?currentSchema=" + schema;
    }

    JdbcTemplate db() {
        return db;
    }

    Hub hub(int i) {
        return hubs.get(i);
    }

    /** Starts (or starts again) a hub; returns when it is ready (readiness UP: routes, database and broker). */
    void start(Hub h) throws IOException {
        h.process = HubChild.start(h.args, h.console);
        HttpClient http = HttpClient.newHttpClient();
        // minutes: a start on 2 cores shared with other builds took 3.5 (RollingRestartIT)
        await("hub " + h.name + " ready (" + h.console + ")").atMost(Duration.ofMinutes(Long.getLong("cluster.start-minutes", 6))).pollInterval(Duration.ofMillis(250)).until(() -> {
            if (!h.process.alive()) {
                throw new IllegalStateException("hub " + h.name + " exited; see " + h.console);
            }
            try {
                return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + h.httpPort + "/actuator/health/readiness"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
            } catch (IOException notYet) {
                return false;
            }
        });
    }

    /**
     * A graceful restart as a service manager does it: SIGTERM, wait for the process to end by itself (at most
     * {@code max}), start it again and wait until it is ready. Returns how long the hub took to end after the signal.
     */
    Duration restart(Hub h, Duration max) throws Exception {
        Duration took = h.process.terminate(max);
        System.out.printf("HubCluster: hub %s ended %d ms after SIGTERM (exit code %d)%n", h.name, took.toMillis(), h.process.exitValue());
        start(h);
        return took;
    }

    @Override
    public void close() throws Exception {
        for (Hub h : hubs) {
            if (h.process != null && h.process.alive()) {
                h.process.stop(60);
            }
        }
        if (broker != null) {
            broker.stop();
        }
        if (pair != null) {
            pair.close();
        }
        platform.close();
        register.close();
        smsGateway.close();
        mailboxes.close();
        kivra.close();
    }
}
