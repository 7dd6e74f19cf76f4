package se.vardnav.journal.mllp;

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

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The journal listener at start-up: a hub comes back at once on the port its predecessor left with the journal's
 * connections open, and a hub that cannot listen does not start at all (no route sends anything while the
 * intake is missing).
 */
class MllpRestartIT {
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
                "vardnav.journal.mllp.bind-timeout", "2s"), b -> b);
    }

    private static String booking(String id) {
        return SiuMessages.s12().bookingId(id).start(LocalDateTime.of(2026, 12, 11, 9, 0)).minutes(20)
                .timeType("BESOK", "Besök").patient(TestPersons.next()).build();
    }

    @Test
    void aHubRestartedAtOnceListensWhileTheJournalStillHoldsItsConnectionToTheOldOne() throws Exception {
        Path data = Files.createTempDirectory("vardnav-mllp-restart");
        int brokerPort = HubTestBase.freePort(), mllpPort = HubTestBase.freePort();
        String first = "B-" + UUID.randomUUID(), second = "B-" + UUID.randomUUID();

        try (JournalSimulator stillConnected = new JournalSimulator("127.0.0.1", mllpPort)) {
            try (ConfigurableApplicationContext hub = startHub(data, brokerPort, mllpPort)) {
                assertThat(stillConnected.send(booking(first))).contains("MSA|AA");
            }
            // the old hub closed its side of the open connection: the port has a connection waiting to end (FIN_WAIT)
            try (ConfigurableApplicationContext hub = startHub(data, brokerPort, mllpPort);
                 JournalSimulator journal = new JournalSimulator("127.0.0.1", mllpPort)) {
                assertThat(journal.send(booking(second))).contains("MSA|AA");
                await().atMost(Duration.ofSeconds(30)).until(() -> platform.findByBookingId(second).isPresent());
            }
        }
        assertThat(platform.findByBookingId(first)).isPresent();
    }

    @Test
    void aHubThatCannotListenForTheJournalDoesNotStartAndSendsNothing() throws Exception {
        Path data = Files.createTempDirectory("vardnav-mllp-taken");
        int brokerPort = HubTestBase.freePort(), mllpPort = HubTestBase.freePort();
        String id = "B-" + UUID.randomUUID();
        platform.goDown();
        try (ConfigurableApplicationContext hub = startHub(data, brokerPort, mllpPort);
             JournalSimulator journal = new JournalSimulator("127.0.0.1", mllpPort)) {
            assertThat(journal.send(booking(id))).contains("MSA|AA"); // waits on the broker for the platform
        } finally {
            platform.comeUp();
        }

        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress("127.0.0.1", mllpPort));
            assertThatThrownBy(() -> startHub(data, brokerPort, mllpPort)).hasStackTraceContaining("bind");
            // the booking waiting on the broker would have gone out had the platform route started
            assertThat(platform.findByBookingId(id)).isEmpty();
        }

        try (ConfigurableApplicationContext hub = startHub(data, brokerPort, mllpPort)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> platform.findByBookingId(id).isPresent());
        }
        assertThat(platform.writes().stream().filter(w -> id.equals(w.bookingId()))).hasSize(1);
    }
}
