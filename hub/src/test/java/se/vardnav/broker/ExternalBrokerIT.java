package se.vardnav.broker;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import se.vardnav.sim.journal.JournalSimulator;
import se.vardnav.sim.journal.SiuMessages;
import se.vardnav.support.HubTestBase;
import se.vardnav.support.TestPersons;

import java.nio.file.Files;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The hub on a broker it does not own: only configuration changes (URL and credentials). */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
class ExternalBrokerIT {
    private static final int PORT = HubTestBase.freePort();
    private static final int MLLP = HubTestBase.freePort();
    private static final EmbeddedBroker external = startExternal();

    private static EmbeddedBroker startExternal() {
        try {
            return new EmbeddedBroker(new BrokerProperties(true, "tcp://127.0.0.1:" + PORT,
                    Files.createTempDirectory("external-artemis").toString(), null, null, null, 80_000, 10,
                    Duration.ofSeconds(1), 10_000, List.of("hub.appointment", "platform.appointment", "journal.inbound"), 1));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @DynamicPropertySource
    static void externalBroker(DynamicPropertyRegistry r) throws Exception {
        HubTestBase.register(r, PORT, MLLP, false);
        r.add("vardnav.broker.user", () -> "hub");
        r.add("vardnav.broker.password", () -> "secret");
    }

    @AfterAll
    static void stopExternal() throws Exception {
        external.close();
    }

    @Autowired
    ApplicationContext context;

    @Test
    void bookingsFlowThroughTheExternalBrokerAndNoBrokerRunsInTheHub() throws Exception {
        assertThat(context.getBeanProvider(EmbeddedBroker.class).getIfAvailable()).isNull();
        String id = "B-" + UUID.randomUUID();
        try (JournalSimulator journal = new JournalSimulator("127.0.0.1", MLLP)) {
            assertThat(journal.send(SiuMessages.s12().bookingId(id).start(LocalDateTime.of(2026, 12, 10, 9, 0)).minutes(20)
                    .timeType("BESOK", "Besök").patient(TestPersons.next()).build())).contains("MSA|AA");
        }
        await().until(() -> HubTestBase.platform.findByBookingId(id).isPresent());
        assertThat(external.messageCount("hub.appointment")).isZero();
    }
}
