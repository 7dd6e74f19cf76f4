package se.vardnav.cluster;

import org.apache.activemq.artemis.core.config.ClusterConnectionConfiguration;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.ha.ReplicaPolicyConfiguration;
import org.apache.activemq.artemis.core.config.ha.ReplicatedPolicyConfiguration;
import se.vardnav.support.HubChild;
import se.vardnav.support.HubTestBase;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import static org.awaitility.Awaitility.await;

/**
 * An Artemis primary/backup pair with replication (docs/decisions.md "Broker high availability"), each broker a
 * process of its own ({@link BrokerChild} with Artemis' own HA policies: {@link ReplicatedPolicyConfiguration} with
 * check-for-active-server on the primary, {@link ReplicaPolicyConfiguration} with fail-back on the backup), the same
 * queues, DLQs and settings as the hub's embedded broker. The primary replicates every persistent send and commit to the
 * backup before it answers; when the primary dies the backup becomes active on its own acceptor, and clients with the
 * {@link #url() failover URL} move to it. A restarted primary synchronises from the active backup and takes over again
 * (fail-back), after which the backup is a backup again. What each logs goes to {@code broker-primary.log} and
 * {@code broker-backup.log} in the directory given.
 */
final class BrokerPair implements AutoCloseable {
    /** Artemis logs this (AMQ221024) on the backup once it holds a full copy of the primary's journal. */
    private static final String SYNCHRONIZED = "AMQ221024";
    private final Path dir;
    private final List<String> queues;
    final int primaryPort = HubTestBase.freePort();
    final int backupPort = HubTestBase.freePort();
    private Process primary;
    private Process backup;

    private BrokerPair(Path dir, List<String> queues) {
        this.dir = dir;
        this.queues = queues;
    }

    /** Starts the primary, then the backup; returns once the backup is synchronised (the pair can lose one). */
    static BrokerPair start(Path dir, List<String> queues) throws IOException {
        BrokerPair pair = new BrokerPair(dir, queues);
        pair.primary = pair.launch("primary", pair.primaryPort, pair.backupPort);
        pair.awaitAccepting(pair.primary, pair.primaryPort, "primary");
        long synced = pair.lines(pair.backupLog(), SYNCHRONIZED);
        pair.backup = pair.launch("backup", pair.backupPort, pair.primaryPort);
        pair.awaitBackupSynchronized(synced);
        return pair;
    }

    /**
     * What the hubs connect with: both brokers, {@code ha=true} (the client follows the pair's topology and fails over
     * to the backup) and reconnecting without limit; sends not yet answered are sent again after the failover and
     * duplicate detection drops what had arrived.
     */
    String url() {
        return "(tcp://127.0.0.1:" + primaryPort + ",tcp://127.0.0.1:" + backupPort + ")"
                + "?ha=true&reconnectAttempts=-1&retryInterval=200&retryIntervalMultiplier=1.5&maxRetryInterval=2000";
    }

    /** SIGKILL of the primary; returns when the process is gone. */
    Instant killPrimary() throws InterruptedException {
        primary.destroyForcibly();
        primary.waitFor(30, TimeUnit.SECONDS);
        return Instant.now();
    }

    /** Returns once the backup accepts clients: it has become active after the primary's death. */
    Instant awaitBackupActive() throws IOException {
        awaitAccepting(backup, backupPort, "backup");
        return Instant.now();
    }

    /**
     * Starts the primary again: it finds the active backup, copies its journal, takes over (fail-back) and the backup
     * goes back to waiting; returns once the primary accepts clients and the backup is synchronised again.
     */
    Instant restartPrimary() throws IOException {
        long synced = lines(backupLog(), SYNCHRONIZED);
        primary = launch("primary", primaryPort, backupPort);
        awaitAccepting(primary, primaryPort, "primary");
        awaitBackupSynchronized(synced);
        return Instant.now();
    }

    /** The Artemis HA policy and the pair's cluster connection (the way the backup finds the primary), for BrokerChild. */
    static Consumer<Configuration> haPolicy(String role, int port, int otherPort) {
        return config -> {
            try {
                config.addConnectorConfiguration("self", "tcp://127.0.0.1:" + port);
                config.addConnectorConfiguration("other", "tcp://127.0.0.1:" + otherPort);
            } catch (Exception e) {
                throw new IllegalArgumentException(e);
            }
            config.addClusterConfiguration(new ClusterConnectionConfiguration().setName("vardnav-pair")
                    .setConnectorName("self").setStaticConnectors(List.of("other")).setRetryInterval(500));
            // the pair authenticates its replication link with these (the same on both)
            config.setClusterUser("vardnav-pair").setClusterPassword("vardnav-pair-test");
            config.setHAPolicyConfiguration("primary".equals(role)
                    ? new ReplicatedPolicyConfiguration().setCheckForActiveServer(true)
                    : new ReplicaPolicyConfiguration().setAllowFailBack(true));
        };
    }

    private Process launch(String role, int port, int otherPort) throws IOException {
        Path data = dir.resolve("broker-" + role);
        Files.createDirectories(data);
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp", HubChild.classPath(), BrokerChild.class.getName(),
                String.valueOf(port), data.toString(), String.join(",", queues), role, String.valueOf(otherPort)));
        return new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("broker-" + role + ".log").toFile())).start();
    }

    private void awaitAccepting(Process p, int port, String role) {
        await("the " + role + " broker accepting on " + port + " (" + dir + ")").atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(100)).until(() -> {
                    if (!p.isAlive()) {
                        throw new IllegalStateException("the " + role + " broker exited; see " + dir);
                    }
                    try (Socket s = new Socket("127.0.0.1", port)) {
                        return true;
                    } catch (IOException notYet) {
                        return false;
                    }
                });
    }

    private void awaitBackupSynchronized(long before) {
        await("the backup broker synchronised (" + backupLog() + ")").atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(200)).until(() -> {
                    if (!backup.isAlive()) {
                        throw new IllegalStateException("the backup broker exited; see " + backupLog());
                    }
                    return lines(backupLog(), SYNCHRONIZED) > before;
                });
    }

    private Path backupLog() {
        return dir.resolve("broker-backup.log");
    }

    private long lines(Path log, String text) throws IOException {
        if (!Files.exists(log)) {
            return 0;
        }
        try (var l = Files.lines(log, java.nio.charset.StandardCharsets.ISO_8859_1)) {
            return l.filter(line -> line.contains(text)).count();
        }
    }

    @Override
    public void close() throws InterruptedException {
        for (Process p : new Process[] {backup, primary}) {
            if (p != null && p.isAlive()) {
                p.destroy();
                if (!p.waitFor(30, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    p.waitFor(30, TimeUnit.SECONDS);
                }
            }
        }
    }
}
