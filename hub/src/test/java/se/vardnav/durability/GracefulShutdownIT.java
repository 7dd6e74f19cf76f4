package se.vardnav.durability;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import se.vardnav.sim.journal.JournalSimulator;
import se.vardnav.sim.journal.SiuMessages;
import se.vardnav.sim.platform.PlatformSimulator;
import se.vardnav.sim.register.RegisterSimulator;
import se.vardnav.support.HubTestBase;
import se.vardnav.support.StandaloneHub;
import se.vardnav.support.TestPersons;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A shutdown with a backlog (bookings acknowledged, the platform failing so each waits for its next retry) ends
 * within vardnav.shutdown-timeout instead of waiting out Camel's 45 s and force-stopping routes; what was not
 * delivered stays on the broker and goes out, once, after the next start.
 */
class GracefulShutdownIT {
    private static final int SHUTDOWN_TIMEOUT_SECONDS = 20;
    private static final PlatformSimulator platform = new PlatformSimulator(0).start();
    private static final RegisterSimulator register = new RegisterSimulator(0).start();

    @AfterAll
    static void stop() {
        platform.close();
        register.close();
    }

    private static ConfigurableApplicationContext startHub(Path data, int brokerPort, int mllpPort) {
        return StandaloneHub.start(data, brokerPort, mllpPort, Map.of(
                "vardnav.platform.base-url", platform.baseUrl(),
                "vardnav.register.url", register.endpointUrl(),
                "vardnav.shutdown-timeout", SHUTDOWN_TIMEOUT_SECONDS), b -> b);
    }

    @Test
    void aShutdownWithABacklogEndsWithinItsTimeoutAndLosesNothingAcknowledged() throws Exception {
        Path data = Files.createTempDirectory("vardnav-shutdown");
        int brokerPort = HubTestBase.freePort(), mllpPort = HubTestBase.freePort();
        List<String> ids = new ArrayList<>();
        platform.goDown();

        ConfigurableApplicationContext hub = startHub(data, brokerPort, mllpPort);
        try (JournalSimulator journal = new JournalSimulator("127.0.0.1", mllpPort)) {
            for (int i = 0; i < 12; i++) {
                String id = "B-" + UUID.randomUUID();
                ids.add(id);
                assertThat(journal.send(SiuMessages.s12().bookingId(id).start(LocalDateTime.of(2026, 12, 14, 9, 0).plusMinutes(20L * i))
                        .minutes(20).timeType("BESOK", "Besök").patient(TestPersons.next()).build())).contains("MSA|AA");
            }
        }
        // the platform's failures are being retried: deliveries in flight, the rest queued behind them
        await().until(() -> platform.writeCount() == 0 && hub.getBean(org.apache.camel.CamelContext.class)
                .getInflightRepository().size() > 0);

        long began = System.nanoTime();
        hub.close();
        Duration took = Duration.ofNanos(System.nanoTime() - began);
        assertThat(took).as("shutdown with a backlog").isLessThan(Duration.ofSeconds(SHUTDOWN_TIMEOUT_SECONDS));

        platform.comeUp();
        try (ConfigurableApplicationContext next = startHub(data, brokerPort, mllpPort)) {
            await().atMost(Duration.ofSeconds(60)).until(() -> ids.stream().allMatch(id -> platform.findByBookingId(id).isPresent()));
        }
        for (String id : ids) {
            assertThat(platform.writes().stream().filter(w -> id.equals(w.bookingId()))).as(id).hasSize(1);
        }
    }
}
