package se.vardnav.broker;

import se.vardnav.support.StandaloneHub;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import se.vardnav.sim.journal.JournalSimulator;
import se.vardnav.sim.journal.SiuMessages;
import se.vardnav.sim.platform.PlatformSimulator;
import se.vardnav.sim.register.RegisterSimulator;
import se.vardnav.support.HubTestBase;
import se.vardnav.support.TestPersons;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** An acknowledged booking survives a hub restart: the ACK meant it was on the broker's disk. */
class RestartDurabilityIT {
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
                "vardnav.register.url", register.endpointUrl()), b -> b);
    }

    @Test
    void anAcknowledgedBookingIsDeliveredAfterTheHubRestarts() throws Exception {
        Path data = Files.createTempDirectory("vardnav-restart");
        int brokerPort = HubTestBase.freePort(), mllpPort = HubTestBase.freePort();
        String id = "B-" + UUID.randomUUID();
        platform.goDown();

        try (ConfigurableApplicationContext hub = startHub(data, brokerPort, mllpPort);
             JournalSimulator journal = new JournalSimulator("127.0.0.1", mllpPort)) {
            assertThat(journal.send(SiuMessages.s12().bookingId(id).start(LocalDateTime.of(2026, 12, 11, 9, 0)).minutes(20)
                    .timeType("BESOK", "Besök").patient(TestPersons.next()).build())).contains("MSA|AA");
        }
        assertThat(platform.findByBookingId(id)).isEmpty();

        platform.comeUp();
        try (ConfigurableApplicationContext hub = startHub(data, brokerPort, mllpPort)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> platform.findByBookingId(id).isPresent());
        }
        assertThat(platform.writes().stream().filter(w -> id.equals(w.bookingId()))).hasSize(1);
    }
}
