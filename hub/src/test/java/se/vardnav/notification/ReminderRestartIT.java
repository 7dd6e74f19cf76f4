package se.vardnav.notification;

import se.vardnav.support.StandaloneHub;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import se.vardnav.sim.journal.JournalSimulator;
import se.vardnav.sim.journal.SiuMessages;
import se.vardnav.sim.platform.PlatformSimulator;
import se.vardnav.sim.register.RegisterSimulator;
import se.vardnav.sim.sms.HttpSmsGatewaySimulator;
import se.vardnav.sim.sms.ReceivedSms;
import se.vardnav.support.HubTestBase;
import se.vardnav.support.SettableClock;
import se.vardnav.support.TestPersons;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Reminders are planned by one hub and sent by the next: stop the hub (its Spring context) before a
 * reminder is due, start a new one on the same database and broker data, move its clock past
 * start − 15 min. Standalone like {@code broker.RestartDurabilityIT}: each hub gets its properties as
 * command-line arguments, which HubTestBase's per-class properties would outrank.
 */
class ReminderRestartIT {
    private static final ZoneId SWEDEN = ZoneId.of("Europe/Stockholm");
    private static final PlatformSimulator platform = new PlatformSimulator(0).start();
    private static final RegisterSimulator register = new RegisterSimulator(0).start();
    private static final HttpSmsGatewaySimulator smsGateway = new HttpSmsGatewaySimulator(0).start();

    @AfterAll
    static void stop() {
        platform.close();
        register.close();
        smsGateway.close();
    }

    /** One hub on a data directory; a second one on the same directory finds the first one's database and journal. */
    private record Hub(ConfigurableApplicationContext context, JournalSimulator journal) implements AutoCloseable {
        SettableClock clock() {
            return context.getBean(SettableClock.class);
        }

        JdbcTemplate jdbc() {
            return context.getBean(JdbcTemplate.class);
        }

        String send(SiuMessages m) throws IOException {
            return journal.send(m.build());
        }

        @Override
        public void close() {
            journal.close();
            context.close();
        }
    }

    private static Hub startHub(Path data, int brokerPort, int mllpPort) {
        Map<String, Object> peers = Map.of(
                "vardnav.platform.base-url", platform.baseUrl(),
                "vardnav.register.url", register.endpointUrl(),
                "vardnav.register.cache-ttl", "0s",
                "vardnav.sms.base-url", smsGateway.baseUrl(),
                "vardnav.sms.user", HttpSmsGatewaySimulator.DEFAULT_USER,
                "vardnav.sms.password", HttpSmsGatewaySimulator.DEFAULT_PASSWORD);
        // the clock the test moves, ahead of the hub's system clock: a bean of this context only, so the next hub
        // starts at the real time again
        ConfigurableApplicationContext context = StandaloneHub.start(data, brokerPort, mllpPort, peers,
                b -> b.initializers(c -> ((GenericApplicationContext) c).registerBean("settableClock", SettableClock.class,
                        SettableClock::new, bd -> bd.setPrimary(true))));
        return new Hub(context, new JournalSimulator("127.0.0.1", mllpPort));
    }

    private static SiuMessages video(SiuMessages m, String id, String patient, String mobile, LocalDateTime start, int minute) {
        return m.bookingId(id).start(start).minutes(20).timeType("VIDEO", "Videobesök").patient(patient).patientMobile(mobile)
                .staff("SE2321000016-1234", "Lind").messageTime(LocalDateTime.of(2026, 11, 20, 8, minute));
    }

    private static List<ReceivedSms> received(String e164, String prefix) {
        return smsGateway.received().stream().filter(r -> e164.equals(r.to()) && r.text().startsWith(prefix)).toList();
    }

    private static List<ReceivedSms> reminders(String e164) {
        return received(e164, "Påminnelse");
    }

    private static String reminderStatus(Hub hub, String bookingId) {
        return hub.jdbc().queryForObject("SELECT status FROM reminder WHERE booking_id = ?", String.class, bookingId);
    }

    @Test
    void aReminderPlannedBeforeARestartIsSentOnceAfterIt() throws Exception {
        Path data = Files.createTempDirectory("vardnav-reminder-restart");
        int brokerPort = HubTestBase.freePort(), mllpPort = HubTestBase.freePort();
        LocalDateTime start = LocalDateTime.of(2026, 12, 28, 10, 0);
        String kept = "B-" + UUID.randomUUID();
        String cancelled = "B-" + UUID.randomUUID();
        String cancelledPatient = TestPersons.next();

        try (Hub hub = startHub(data, brokerPort, mllpPort)) {
            assertThat(hub.send(video(SiuMessages.s12(), kept, TestPersons.next(), "070-444 55 01", start, 0))).contains("MSA|AA");
            assertThat(hub.send(video(SiuMessages.s12(), cancelled, cancelledPatient, "070-444 55 02", start.minusMinutes(30), 0)))
                    .contains("MSA|AA");
            await().until(() -> platform.findByBookingId(kept).isPresent() && platform.findByBookingId(cancelled).isPresent());
            await().until(() -> received("+46704445501", "Du har ett videobesök").size() == 1
                    && received("+46704445502", "Du har ett videobesök").size() == 1);
            assertThat(reminderStatus(hub, kept)).isEqualTo("PENDING");
        }
        assertThat(reminders("+46704445501")).isEmpty();

        try (Hub hub = startHub(data, brokerPort, mllpPort)) {
            // the journal system held its cancel while the hub was down and sends it now
            assertThat(hub.send(video(SiuMessages.s15(), cancelled, cancelledPatient, "070-444 55 02", start.minusMinutes(30), 1)))
                    .contains("MSA|AA");
            await().until(() -> received("+46704445502", "Din bokade tid").size() == 1);

            hub.clock().setNow(start.minusMinutes(14).atZone(SWEDEN).toInstant());
            await().atMost(Duration.ofSeconds(30)).until(() -> reminders("+46704445501").size() == 1);
            assertThat(reminders("+46704445501").get(0).text()).contains("10:00");
            await().until(() -> "SENT".equals(reminderStatus(hub, kept)) && "SKIPPED".equals(reminderStatus(hub, cancelled)));
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(6))
                    .until(() -> reminders("+46704445501").size() == 1 && reminders("+46704445502").isEmpty());
        }
    }

    @Test
    void aReminderClaimedWhenTheHubStoppedIsSentOnceAfterTheRestart() throws Exception {
        Path data = Files.createTempDirectory("vardnav-reminder-restart");
        int brokerPort = HubTestBase.freePort(), mllpPort = HubTestBase.freePort();
        LocalDateTime start = LocalDateTime.of(2026, 12, 29, 11, 0);
        String id = "B-" + UUID.randomUUID();

        try (Hub hub = startHub(data, brokerPort, mllpPort)) {
            hub.send(video(SiuMessages.s12(), id, TestPersons.next(), "070-444 55 03", start, 0));
            await().until(() -> received("+46704445503", "Du har ett videobesök").size() == 1);
            // the hub stopped between claiming the reminder and handing it to notify.sms
            assertThat(hub.jdbc().update("UPDATE reminder SET status = 'FIRING' WHERE booking_id = ? AND status = 'PENDING'", id))
                    .isEqualTo(1);
        }

        try (Hub hub = startHub(data, brokerPort, mllpPort)) {
            hub.clock().setNow(start.minusMinutes(15).atZone(SWEDEN).toInstant());
            await().atMost(Duration.ofSeconds(30)).until(() -> reminders("+46704445503").size() == 1);
            await().until(() -> "SENT".equals(reminderStatus(hub, id)));
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(6)).until(() -> reminders("+46704445503").size() == 1);
        }
    }
}
