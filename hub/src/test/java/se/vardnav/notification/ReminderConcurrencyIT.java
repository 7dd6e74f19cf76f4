package se.vardnav.notification;

import ca.uhn.fhir.context.FhirContext;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import se.vardnav.booking.BookingKey;
import se.vardnav.sim.sms.ReceivedSms;
import se.vardnav.support.HubTestBase;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Several hub instances fire the same reminder table at once (here: the hub's own timer and three more
 * {@link Reminders} on the same database and broker): each reminder still becomes exactly one SMS.
 * The reminders are due years ahead and this context's clock is moved there: the test contexts of one
 * JVM share the H2 database, and another context's timer (on the real clock) must not fire them.
 */
class ReminderConcurrencyIT extends HubTestBase {
    private static final int COUNT = 120;
    private static final Instant FUTURE = Instant.parse("2031-06-02T08:00:00Z");

    @Autowired
    Reminders reminders;
    @Autowired
    FhirContext fhir;
    @Autowired
    ProducerTemplate routes;

    @Test
    void concurrentFiresSendEachReminderOnce() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<String> numbers = IntStream.range(0, COUNT).mapToObj(i -> String.format("+46703%06d", i)).toList();
        for (int i = 0; i < COUNT; i++) {
            BookingKey key = new BookingKey("CONCURRENT", "C-" + run + "-" + i, 1);
            reminders.plan(key, FUTURE.minusSeconds(1), new SmsRequest(key.group() + "|1|reminder-video", numbers.get(i),
                    "Påminnelse: ditt videobesök börjar kl 10:00.", key.bookingId(), "reminder-video"));
        }

        clock.setNow(FUTURE);
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            // the route the timer runs, three times at once beside the timer's own
            List<Future<Object>> fired = IntStream.range(0, 3).mapToObj(i -> pool.submit(() ->
                    routes.requestBody(se.vardnav.broker.HubRoutes.REMINDERS_FIRE, (Object) null))).toList();
            for (Future<Object> f : fired) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }

        await().atMost(Duration.ofSeconds(60)).until(() -> sentTo(numbers).size() == COUNT);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> smsGateway.received().stream()
                .filter(r -> numbers.contains(r.to())).count() == COUNT);
        assertThat(sentTo(numbers).values()).allMatch(n -> n == 1);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM reminder WHERE source = 'CONCURRENT' AND booking_id LIKE ? AND status = 'SENT'",
                Integer.class, "C-" + run + "-%")).isEqualTo(COUNT);
    }

    @Test
    void aReminderHandedOnButNotRecordedIsNotSentTwiceWhenFiredAgain() {
        String number = "+46703999001";
        BookingKey key = new BookingKey("CONCURRENT", "C-" + UUID.randomUUID(), 1);
        SmsRequest sms = new SmsRequest(key.group() + "|1|reminder-video", number, "Påminnelse: ditt videobesök börjar kl 11:00.",
                key.bookingId(), "reminder-video");
        Instant due = FUTURE.plus(Duration.ofDays(1));
        reminders.plan(key, due, sms);
        clock.setNow(due);
        await().until(() -> sentTo(List.of(number)).size() == 1 && "SENT".equals(status(key)));

        // as if the hub stopped after the broker took the reminder but before the row said so: it is fired again
        // once the claim is older than the claim timeout
        jdbc.update("UPDATE reminder SET status = 'FIRING', claimed_at = ?, request = ? WHERE booking_id = ?",
                java.sql.Timestamp.from(due.minus(Duration.ofMinutes(5))), fhir.newJsonParser().encodeResourceToString(sms.toFhir()),
                key.bookingId());
        await().until(() -> "SENT".equals(status(key)));
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> sentTo(List.of(number)).get(number) == 1L);
    }

    private String status(BookingKey key) {
        return jdbc.queryForObject("SELECT status FROM reminder WHERE booking_id = ?", String.class, key.bookingId());
    }

    private Map<String, Long> sentTo(List<String> numbers) {
        return smsGateway.received().stream().map(ReceivedSms::to).filter(numbers::contains)
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }
}
