package se.vardnav.booking;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.hl7.fhir.r4.model.Appointment;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import se.vardnav.connector.platform.PlatformClient;
import se.vardnav.connector.platform.PlatformResult;
import se.vardnav.sim.platform.PlatformSimulator;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static se.vardnav.booking.BookingPolicyTest.booking;
import static se.vardnav.booking.BookingPolicyTest.event;

/**
 * Two consumers given events of one booking at the same time — a message group that moved while its old consumer
 * still held a message (a hub stopping, a broker failing over) — apply them one after the other: the older event,
 * arriving while the newer one is being written to the platform, waits for it and is then dropped as stale. Without
 * that, the older one would be written last and the platform would show the booking as it was before.
 */
class PlatformDeliveryOrderTest {
    private final JdbcTemplate jdbc = MigratedH2.create();
    private final PlatformSimulator platformSim = new PlatformSimulator(0).start();
    private final CountDownLatch inside = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    /** The real HTTP client to the simulated platform, holding the first write until the test lets it go. */
    private final PlatformClient platform = new PlatformClient(platformSim.baseUrl()) {
        private boolean first = true;

        @Override
        public PlatformResult upsertAppointment(Appointment appointment) {
            boolean hold;
            synchronized (this) {
                hold = first;
                first = false;
            }
            if (hold) {
                inside.countDown();
                try {
                    release.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return super.upsertAppointment(appointment);
        }
    };
    private final PlatformDelivery delivery = new PlatformDelivery(ca.uhn.fhir.context.FhirContext.forR4Cached(),
            new BookingLinks(jdbc, MigratedH2.CLOCK), platform, new SimpleMeterRegistry(), MigratedH2.transactions(jdbc));

    @AfterEach
    void stop() throws Exception {
        release.countDown();
        platform.close();
        platformSim.close();
    }

    private String event(long version, LocalDateTime start) {
        Appointment a = BookingPolicyTest.event(booking("VIDEO").start(start));
        Appointment prepared = PlatformAppointment.prepare(a, BookingPolicyTest.shippedTimeTypes().ruleFor("VIDEO").orElseThrow(), null);
        prepared.getMeta().setVersionId(String.valueOf(version));
        return ca.uhn.fhir.context.FhirContext.forR4Cached().newJsonParser().encodeResourceToString(prepared);
    }

    @Test
    void anOlderEventArrivingDuringTheNewerOnesWriteIsDroppedNotWrittenLast() throws Exception {
        String older = event(BookingVersion.of(java.time.Instant.parse("2025-03-01T08:00:00Z"), 1), LocalDateTime.of(2025, 3, 10, 9, 30));
        String newer = event(BookingVersion.of(java.time.Instant.parse("2025-03-01T08:00:00Z"), 2), LocalDateTime.of(2025, 3, 11, 14, 0));
        BookingKey key = BookingKey.of(ca.uhn.fhir.context.FhirContext.forR4Cached().newJsonParser().parseResource(Appointment.class, newer));
        // the intake numbered both (its row is there before any event is queued)
        jdbc.update("INSERT INTO booking_intake (source, booking_id, arrivals) VALUES (?, ?, 2)", key.source(), key.bookingId());

        CompletableFuture<PlatformDelivery.Outcome> first = CompletableFuture.supplyAsync(() -> delivery.deliver(newer));
        assertThat(inside.await(60, TimeUnit.SECONDS)).as("the newer event is being written").isTrue();
        CompletableFuture<PlatformDelivery.Outcome> second = CompletableFuture.supplyAsync(() -> delivery.deliver(older));
        // the older event waits for the booking's lock while the newer one is on its way to the platform
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS WHERE BLOCKER_ID IS NOT NULL", Integer.class) == 1);
        release.countDown();

        assertThat(first.get(60, TimeUnit.SECONDS)).isEqualTo(PlatformDelivery.Outcome.APPLIED);
        assertThat(second.get(60, TimeUnit.SECONDS)).isEqualTo(PlatformDelivery.Outcome.STALE);
        assertThat(platformSim.writeCount()).as("only the newer event reached the platform").isEqualTo(1);
        assertThat(platformSim.findByBookingId(key.bookingId()).orElseThrow().getStart().toInstant())
                .as("the platform shows the newer start").isEqualTo(java.time.LocalDateTime.of(2025, 3, 11, 14, 0)
                        .atZone(java.time.ZoneId.of("Europe/Stockholm")).toInstant());
    }
}
