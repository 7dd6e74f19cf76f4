package se.vardnav.cluster;

import se.vardnav.broker.BrokerProperties;
import se.vardnav.broker.EmbeddedBroker;
import se.vardnav.support.HubChild;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * An Artemis broker in a process of its own, for tests where several hubs share one external broker: the hubs'
 * {@link EmbeddedBroker} configuration (persistent, synced journal, duplicate detection, {@code DLQ.<queue>} per queue),
 * but no hub around it. The same broker the standalone distribution runs with {@code docker/artemis/broker.xml}
 * (scripts/ha/), without downloading 60 MB in a test.
 */
public final class BrokerChild {
    private final Process process;
    private final int port;

    private BrokerChild(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts the broker on this port with its journal under data; returns once it accepts connections. */
    public static BrokerChild start(int port, Path data, List<String> queues, Path console) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp", HubChild.classPath(), BrokerChild.class.getName(),
                String.valueOf(port), data.toString(), String.join(",", queues)));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(console.toFile())).start();
        Instant end = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(end) && p.isAlive()) {
            try (Socket s = new Socket("127.0.0.1", port)) {
                return new BrokerChild(p, port);
            } catch (IOException notYet) {
                try {
                    p.waitFor(100, TimeUnit.MILLISECONDS); // the broker process starting, not a result awaited
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        p.destroyForcibly();
        throw new IOException("the broker did not start on port " + port + "; see " + console);
    }

    public String url() {
        return "tcp://127.0.0.1:" + port;
    }

    public void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }

    /** SIGKILL, as a machine dying would end it; returns once the process is gone. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /**
     * args: port, data directory, queues (comma-separated) [, role {@code primary|backup}, the other's port: one of a
     * replicated pair, {@link BrokerPair}]. Runs until the process is stopped.
     */
    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        String acceptor = "tcp://127.0.0.1:" + port;
        BrokerProperties props = new BrokerProperties(true, acceptor, args[1], acceptor, null, null, 80_000, 10,
                Duration.ofSeconds(1), 50_000, Arrays.asList(args[2].split(",")), 1);
        EmbeddedBroker broker = args.length > 3
                ? new EmbeddedBroker(props, props.queues(), BrokerPair.haPolicy(args[3], port, Integer.parseInt(args[4])))
                : new EmbeddedBroker(props);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                broker.close();
            } catch (Exception e) {
                e.printStackTrace();
            } finally {
                stopped.countDown();
            }
        }));
        stopped.await();
    }
}
