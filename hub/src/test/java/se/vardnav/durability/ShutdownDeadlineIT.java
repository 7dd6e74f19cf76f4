package se.vardnav.durability;

import org.junit.jupiter.api.Test;
import se.vardnav.cluster.BrokerChild;
import se.vardnav.sim.platform.PlatformSimulator;
import se.vardnav.sim.register.RegisterSimulator;
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
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A hub whose brokers are gone for good still ends when it is told to stop: its broker client reconnects without
 * limit (the failover URL of a broker pair), which would hold the JVM's exit for ever; past vardnav.shutdown-deadline
 * the hub halts. A service manager, a rolling restart or {@code docker stop} gets its process back.
 */
class ShutdownDeadlineIT {
    private static final int DEADLINE_SECONDS = 20;

    @Test
    void aHubWhoseBrokerIsGoneEndsByItsDeadline() throws Exception {
        Path dir = Files.createTempDirectory("vardnav-deadline");
        int brokerPort = HubTestBase.freePort(), httpPort = HubTestBase.freePort();
        BrokerChild broker = BrokerChild.start(brokerPort, dir.resolve("broker"), List.of("hub.appointment"), dir.resolve("broker.log"));
        Path console = dir.resolve("hub.log");
        HubChild hub = null;
        try (PlatformSimulator platform = new PlatformSimulator(0).start(); RegisterSimulator register = new RegisterSimulator(0).start()) {
            hub = HubChild.start(List.of(
                    "--vardnav.data-dir=" + dir.resolve("hub"),
                    "--vardnav.broker.embedded=false",
                    "--vardnav.broker.url=(tcp://127.0.0.1:" + brokerPort + ")?ha=true&reconnectAttempts=-1&retryInterval=500",
                    "--vardnav.journal.mllp.port=" + HubTestBase.freePort(),
                    "--server.port=" + httpPort,
                    "--vardnav.platform.base-url=" + platform.baseUrl(),
                    "--vardnav.register.url=" + register.endpointUrl(),
                    "--vardnav.shutdown-timeout=5",
                    "--vardnav.shutdown-deadline=" + DEADLINE_SECONDS + "s"), console);
            HubChild started = hub;
            HttpClient http = HttpClient.newHttpClient();
            await("hub ready (" + console + ")").atMost(Duration.ofMinutes(Long.getLong("cluster.start-minutes", 6)))
                    .pollInterval(Duration.ofMillis(250)).until(() -> {
                        assertThat(started.alive()).as("hub running; see " + console).isTrue();
                        try {
                            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/actuator/health/readiness"))
                                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
                        } catch (IOException notYet) {
                            return false;
                        }
                    });

            broker.stop(); // gone for good: the hub's client keeps trying to reconnect

            // the bound held against: the deadline, and room for a starved machine to run the halt
            Duration took = hub.terminate(Duration.ofSeconds(DEADLINE_SECONDS + 60));
            System.out.printf("hub ended %d ms after SIGTERM with its broker gone (exit status %d; deadline %d s)%n",
                    took.toMillis(), hub.exitValue(), DEADLINE_SECONDS);
            assertThat(hub.exitValue()).as("a clean stop (143) or the deadline's halt (%d)", ShutdownDeadline.HALTED)
                    .isIn(143, ShutdownDeadline.HALTED);
        } finally {
            if (hub != null && hub.alive()) {
                hub.kill();
            }
            broker.stop();
        }
    }
}
