package se.vardnav.durability;

import org.hl7.fhir.r4.model.Appointment;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import se.vardnav.sim.mailbox.KivraSimulator;
import se.vardnav.sim.mailbox.MailboxSimProperties;
import se.vardnav.sim.mailbox.MinaMeddelandenSimulator;
import se.vardnav.sim.platform.PlatformSimulator;
import se.vardnav.sim.register.RegisterSimulator;
import se.vardnav.sim.sms.HttpSmsGatewaySimulator;
import se.vardnav.sim.sms.ReceivedSms;
import se.vardnav.support.HubChild;
import se.vardnav.support.HubTestBase;
import se.vardnav.support.TestPersons;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The hub killed with SIGKILL twice in the middle of a stream, and restarted at once each time: bookings over MLLP
 * (booked, rescheduled, cancelled), letters over FHIR, and the SMS each booking event causes, against the simulators
 * over real sockets. Whatever the hub acknowledged (AA, 201) arrives, nothing reaches the platform or the SMS
 * gateway twice, and no booking ends in an older state than its last event. On the database of the run (H2 file
 * as shipped; PostgreSQL with -Ppostgres). Prints the recovery time, kill to first acknowledgement.
 */
class CrashRecoveryIT {
    private static final ZoneId SWEDEN = ZoneId.of("Europe/Stockholm");
    /** Bounded for the normal verify; {@code -Dcrash.bookings=300 -Dcrash.letters=100} for a bigger run. */
    private static final int BOOKINGS = Integer.getInteger("crash.bookings", 24);
    private static final int LETTERS = Integer.getInteger("crash.letters", 12);
    private static final String KIVRA = "165568402266";
    private static final PlatformSimulator platform = new PlatformSimulator(0).start();
    private static final RegisterSimulator register = new RegisterSimulator(0).start();
    private static final HttpSmsGatewaySimulator smsGateway = new HttpSmsGatewaySimulator(0).start();
    private static final MinaMeddelandenSimulator mailboxes = new MinaMeddelandenSimulator(0).start();
    private static final KivraSimulator kivra = new KivraSimulator(0, "vardnav-test", "vardnav", "kivra-test-secret").start();

    static {
        mailboxes.addOperator(KIVRA, "Kivra");
    }

    @AfterAll
    static void stopPeers() {
        platform.close();
        register.close();
        smsGateway.close();
        mailboxes.close();
        kivra.close();
    }

    private static boolean postgres() {
        return String.valueOf(System.getProperty("spring.profiles.active")).contains("postgres");
    }

    @Test
    void nothingAcknowledgedIsLostSentTwiceOrAppliedOutOfOrderAcrossTwoKills() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        Path data = Files.createTempDirectory("vardnav-crash");
        Path console = data.resolve("hub-console.log");
        int mllpPort = HubTestBase.freePort(), httpPort = HubTestBase.freePort(), brokerPort = HubTestBase.freePort();
        String schema = "vardnav_crash_" + run;
        List<String> args = new ArrayList<>(List.of(
                "--vardnav.data-dir=" + data,
                "--vardnav.broker.acceptor=tcp://127.0.0.1:" + brokerPort,
                "--vardnav.broker.url=tcp://127.0.0.1:" + brokerPort,
                "--vardnav.journal.mllp.port=" + mllpPort,
                "--server.port=" + httpPort,
                "--vardnav.platform.base-url=" + platform.baseUrl(),
                "--vardnav.register.url=" + register.endpointUrl(),
                "--vardnav.register.cache-ttl=0s",
                "--vardnav.sms.base-url=" + smsGateway.baseUrl(),
                "--vardnav.sms.user=" + HttpSmsGatewaySimulator.DEFAULT_USER,
                "--vardnav.sms.password=" + HttpSmsGatewaySimulator.DEFAULT_PASSWORD,
                "--vardnav.retry.initial-delay=100",
                "--vardnav.retry.max-delay=1000"));
        MailboxSimProperties.of(mailboxes, kivra, KIVRA).forEach((k, v) -> args.add("--" + k + "=" + v));
        if (postgres()) {
            args.addAll(List.of("--spring.profiles.active=postgres",
                    "--spring.datasource.url=jdbc:postgresql://127.0.0.1:5432/test?currentSchema=" + schema,
                    "--spring.flyway.schemas=" + schema, "--spring.flyway.create-schemas=true"));
        } // else the shipped H2 URL under vardnav.data-dir

        List<String> bookingPatients = new ArrayList<>(), letterPatients = new ArrayList<>();
        for (int i = 0; i < BOOKINGS; i++) {
            bookingPatients.add(TestPersons.next());
        }
        for (int i = 0; i < LETTERS; i++) {
            String patient = TestPersons.next();
            platform.addAccount(patient, null, null); // the letters go to the platform
            letterPatients.add(patient);
        }
        List<CrashLoad.Booking> bookings = CrashLoad.bookings(BOOKINGS, run, bookingPatients);
        List<CrashLoad.Letter> letters = CrashLoad.letters(LETTERS, letterPatients);
        int items = bookings.stream().mapToInt(b -> b.events().size()).sum() + letters.size();

        CrashLoad load = new CrashLoad(mllpPort, httpPort, Duration.ofMinutes(8));
        HubChild hub = HubChild.start(args, console);
        List<Thread> senders = new ArrayList<>();
        CrashLoad.split(bookings, 2).forEach(part -> senders.add(load.journal(part, "journal-" + senders.size())));
        senders.add(load.letters(letters));

        List<Duration> recoveries = new ArrayList<>();
        for (int kill = 1; kill <= 2; kill++) {
            int before = items * kill / 3;
            Instant since = Instant.now();
            await("acknowledged before kill " + kill).atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofMillis(20))
                    .until(() -> load.acknowledged() >= before && load.firstAckAfter(since).isPresent());
            Instant killedAt = hub.kill();
            hub = HubChild.start(args, console); // at once: the port, the broker journal and the database are as the kill left them
            await("first acknowledgement after kill " + kill).atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofMillis(20))
                    .until(() -> load.firstAckAfter(killedAt).isPresent());
            recoveries.add(Duration.between(killedAt, load.firstAckAfter(killedAt).orElseThrow()));
        }
        for (Thread t : senders) {
            t.join(Duration.ofMinutes(6).toMillis());
        }
        assertThat(load.refusals).as("refused by the hub").isEmpty();
        assertThat(load.acknowledged()).as("every message acknowledged in the end").isEqualTo(items);

        Set<String> numbers = bookings.stream().map(CrashLoad.Booking::mobile).collect(Collectors.toSet());
        await("every booking's last event on the platform, and its SMS").atMost(Duration.ofMinutes(3)).untilAsserted(() -> {
            for (CrashLoad.Booking b : bookings) {
                assertFinalState(b);
                assertThat(sms(b.mobile())).as("SMS for " + b.id()).anyMatch(text -> b.cancelled()
                        ? text.contains("avbokad") : text.contains(b.finalStart().toLocalDate().toString()));
            }
            assertThat(platform.letters()).hasSize(LETTERS);
        });
        assertThat(hub.stop(60)).as("graceful stop").isTrue();

        // nothing twice at the SMS gateway: the same text to the same number once
        Map<String, Long> sent = smsGateway.received().stream().filter(r -> numbers.contains(r.to()))
                .collect(Collectors.groupingBy(r -> r.to() + " " + r.text(), Collectors.counting()));
        assertThat(sent).as("SMS sent twice").allSatisfy((sms, times) -> assertThat(times).as(sms).isEqualTo(1L));
        // every letter acknowledged is in the hub's database and on the platform, once
        JdbcTemplate db = database(data, schema);
        Map<String, String> hubIds = db.queryForList("SELECT source_letter_id, id FROM letter").stream()
                .collect(Collectors.toMap(r -> String.valueOf(r.get("source_letter_id")), r -> String.valueOf(r.get("id"))));
        for (String acknowledged : load.acknowledgedLetters) {
            assertThat(hubIds).as("letter kept").containsKey(acknowledged);
            assertThat(platform.findLetter(hubIds.get(acknowledged))).as("letter on the platform").isPresent();
        }

        System.out.printf("CrashRecoveryIT (%s): %d items, recovery kill -> first acknowledgement: %s%n",
                postgres() ? "PostgreSQL" : "H2", items, recoveries.stream().map(d -> d.toMillis() + " ms").toList());
    }

    private static void assertFinalState(CrashLoad.Booking b) {
        Appointment a = platform.findByBookingId(b.id()).orElseThrow(() -> new AssertionError(b.id() + " not on the platform"));
        Date start = Date.from(b.finalStart().atZone(SWEDEN).toInstant());
        assertThat(a.getStart()).as(b.id() + " start").isEqualTo(start);
        assertThat(a.getStatus()).as(b.id() + " status")
                .isEqualTo(b.cancelled() ? Appointment.AppointmentStatus.CANCELLED : Appointment.AppointmentStatus.BOOKED);
    }

    private static List<String> sms(String number) {
        return smsGateway.received().stream().filter(r -> number.equals(r.to())).map(ReceivedSms::text).toList();
    }

    private static JdbcTemplate database(Path data, String schema) throws Exception {
        return postgres()
                ? new JdbcTemplate(new SimpleDriverDataSource(new org.postgresql.Driver(),
                        "jdbc:postgresql://127.0.0.1:5432/test?currentSchema=" + schema, "postgres", ""))
                : new JdbcTemplate(new SimpleDriverDataSource(new org.h2.Driver(), "jdbc:h2:file:" + data.resolve("db/vardnav"), "sa", ""));
    }
}
