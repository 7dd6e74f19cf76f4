package se.vardnav.cluster;

import ca.uhn.fhir.context.FhirContext;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import se.vardnav.booking.BookingKey;
import se.vardnav.notification.NoticeEncoding;
import se.vardnav.notification.Reminders;
import se.vardnav.notification.SmsRequest;

import javax.sql.DataSource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The claims behind "a timer's work once across hubs", on the database of the run (H2 in memory; a fresh PostgreSQL
 * schema with -Ppostgres), without Camel: two hubs' {@link Reminders} claiming at once share the due reminders without
 * overlap, and a claim a hub left behind (it died before recording the batch) is taken over once the lease has passed,
 * not before.
 */
class TimerClaimsTest {
    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private static final Duration LEASE = Duration.ofMinutes(1);
    private static final Instant DUE = Instant.parse("2030-01-07T08:00:00Z");
    private final StoppedClock clock = new StoppedClock();

    /** Time that moves only when the test moves it: a lease is measured to the second here. */
    private static final class StoppedClock extends java.time.Clock {
        private volatile Instant now = DUE;

        void setNow(Instant now) {
            this.now = now;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return java.time.ZoneOffset.UTC;
        }

        @Override
        public java.time.Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
    private static JdbcTemplate jdbc;
    private static String schema;

    /** One schema for the class (migrating it is most of the time), emptied of reminders before each test. */
    @BeforeAll
    static void database() {
        boolean postgres = String.valueOf(System.getProperty("spring.profiles.active")).contains("postgres");
        schema = "vardnav_claims_" + UUID.randomUUID().toString().substring(0, 8);
        DataSource ds = postgres
                ? new SimpleDriverDataSource(new org.postgresql.Driver(), "jdbc:postgresql://127.0.0.1:5432/test?currentSchema=" + schema, "postgres", "")
                : new SimpleDriverDataSource(new org.h2.Driver(), "jdbc:h2:mem:" + schema + ";DB_CLOSE_DELAY=-1", "sa", "");
        Flyway.configure().dataSource(ds).schemas(postgres ? new String[] {schema} : new String[0]).createSchemas(postgres)
                .locations("classpath:db/migration").load().migrate();
        jdbc = new JdbcTemplate(ds);
    }

    @BeforeEach
    void noReminders() {
        jdbc.update("DELETE FROM reminder");
    }

    @AfterAll
    static void drop() {
        if (String.valueOf(System.getProperty("spring.profiles.active")).contains("postgres")) {
            jdbc.execute("DROP SCHEMA " + schema + " CASCADE");
        } else {
            jdbc.execute("SHUTDOWN");
        }
    }

    private Reminders hub(String name) {
        return new Reminders(jdbc, FHIR, new NoticeEncoding(FHIR), clock, new RowClaims(jdbc, name, LEASE),
                Reminders.Recheck.NONE, Runnable::run, Duration.ofMinutes(2), se.vardnav.privacy.TestKeys.cipher());
    }

    private List<String> plan(int count) {
        Reminders planner = hub("planner");
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            BookingKey key = new BookingKey("CLAIMS", "B-" + i, 1);
            planner.plan(key, DUE.minusSeconds(i % 60), new SmsRequest(key.group() + "|1|reminder-video", String.format("+46705%06d", i),
                    "Påminnelse", key.bookingId(), "reminder-video"));
            keys.add(key.group() + "|1|reminder");
        }
        return keys;
    }

    @Test
    void twoHubsClaimingAtOnceShareTheDueRemindersWithoutOverlap() throws Exception {
        List<String> keys = plan(1200);
        Reminders a = hub("hub-a"), b = hub("hub-b");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<List<String>>> fired = pool.invokeAll(List.<Callable<List<String>>>of(() -> fireAll(a), () -> fireAll(b)));
            List<String> all = new ArrayList<>(fired.get(0).get());
            all.addAll(fired.get(1).get());
            Set<String> once = new HashSet<>(all);
            assertThat(all).as("handed on twice").hasSize(once.size());
            assertThat(once).containsExactlyInAnyOrderElementsOf(keys);
        } finally {
            pool.shutdown();
        }
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM reminder WHERE status = 'SENT'", Integer.class)).isEqualTo(1200);
    }

    @Test
    void aClaimLeftByAHubThatDiedIsTakenOverAfterTheLeaseNotBefore() {
        List<String> keys = plan(10);
        Reminders.Batch dying = hub("hub-a").claimDue(); // claimed, handed to nobody, never recorded
        assertThat(dying.getSms()).hasSize(10);
        Reminders other = hub("hub-b");

        clock.setNow(DUE.plus(LEASE).minusSeconds(1));
        assertThat(other.claimDue().getSms()).as("within the lease: still hub A's").isEmpty();

        clock.setNow(DUE.plus(LEASE).plusSeconds(1));
        Reminders.Batch takenOver = other.claimDue();
        assertThat(takenOver.getSms()).extracting(Reminders.StoredSms::duplicateId).containsExactlyInAnyOrderElementsOf(keys);
        assertThat(jdbc.queryForList("SELECT DISTINCT claimed_by FROM reminder", String.class)).containsExactly("hub-b");
        other.recordFired(takenOver);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM reminder WHERE status = 'SENT'", Integer.class)).isEqualTo(10);
    }

    @Test
    void aDroppedFileIsLockedForOneHubAndTakenOverWhenItsLockIsStale() throws Exception {
        try (org.apache.camel.CamelContext camel = new org.apache.camel.impl.DefaultCamelContext()) {
            camel.start();
            se.vardnav.letter.intake.LetterDropLocks a = new se.vardnav.letter.intake.LetterDropLocks(jdbc.getDataSource(), camel, LEASE);
            se.vardnav.letter.intake.LetterDropLocks b = new se.vardnav.letter.intake.LetterDropLocks(jdbc.getDataSource(), camel, LEASE);
            se.vardnav.letter.intake.LetterDropLocks c = new se.vardnav.letter.intake.LetterDropLocks(jdbc.getDataSource(), camel, LEASE);
            for (var hub : List.of(a, b, c)) {
                hub.start();
            }
            String file = "svar-" + UUID.randomUUID() + ".json";
            assertThat(a.add(file)).as("hub A takes the file").isTrue();
            assertThat(b.add(file)).as("hub B while A holds it").isFalse();

            // hub A died: its lock is not refreshed any more
            jdbc.update("UPDATE letter_drop_lock SET createdAt = ? WHERE messageId = ?",
                    java.sql.Timestamp.from(Instant.now().minus(LEASE).minusSeconds(5)), file);
            assertThat(b.add(file)).as("hub B takes over the stale lock").isTrue();
            assertThat(c.add(file)).as("hub C after B took it over").isFalse();
            b.remove(file); // B has moved the file: released
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM letter_drop_lock WHERE messageId = ?", Integer.class, file)).isZero();
        }
    }

    /** What the route reminders-fire does, without the broker: claim and record until nothing is due. */
    private static List<String> fireAll(Reminders hub) {
        List<String> handedOn = new ArrayList<>();
        for (int idle = 0; idle < 3; ) {
            Reminders.Batch batch = hub.claimDue();
            batch.getSms().forEach(s -> handedOn.add(s.duplicateId()));
            hub.recordFired(batch);
            idle = batch.getSms().isEmpty() ? idle + 1 : 0;
        }
        return handedOn;
    }
}
