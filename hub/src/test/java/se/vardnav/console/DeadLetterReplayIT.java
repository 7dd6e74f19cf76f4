package se.vardnav.console;

import org.junit.jupiter.api.Test;
import se.vardnav.sim.journal.SiuMessages;
import se.vardnav.support.AdminClient;
import se.vardnav.support.HubTestBase;
import se.vardnav.support.TestPersons;

import java.time.LocalDateTime;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A permanent refusal by the platform goes to its DLQ at once, with the reason, and can be replayed. */
class DeadLetterReplayIT extends HubTestBase {
    private static final String DLQ = "DLQ.platform.appointment";

    @Test
    void a4xxFromThePlatformIsDeadLetteredWithTheReasonAndReplayedAfterTheFix() {
        AdminClient admin = new AdminClient(httpPort);
        String id = newBookingId();
        platform.failNext(1, 422);
        send(SiuMessages.s12().bookingId(id).start(LocalDateTime.of(2026, 12, 4, 9, 0)).minutes(20)
                .timeType("BESOK", "Besök").patient(TestPersons.next()).staff("SE2321000016-1234", "Lind").build());

        await().until(() -> admin.deadLetters(DLQ).stream().anyMatch(r -> id.equals(r.get("bookingId"))));
        Map<String, Object> row = admin.deadLetters(DLQ).stream().filter(r -> id.equals(r.get("bookingId"))).findFirst().orElseThrow();
        assertThat((String) row.get("reason")).contains("422");
        assertThat(row.get("origin")).isEqualTo("platform.appointment");
        assertThat(platform.findByBookingId(id)).as("a 4xx is not retried").isEmpty();

        assertThat(admin.replay(DLQ, (String) row.get("messageId"))).isEqualTo(200);
        await().until(() -> platform.findByBookingId(id).isPresent());
        assertThat(admin.deadLetters(DLQ)).noneMatch(r -> id.equals(r.get("bookingId")));
    }

    @Test
    void aReplayThatFailsAgainIsDeadLetteredAgainNotLost() {
        AdminClient admin = new AdminClient(httpPort);
        String id = newBookingId();
        platform.failNext(2, 400);
        send(SiuMessages.s12().bookingId(id).start(LocalDateTime.of(2026, 12, 4, 10, 0)).minutes(20)
                .timeType("BESOK", "Besök").patient(TestPersons.next()).build());
        await().until(() -> admin.deadLetters(DLQ).stream().anyMatch(r -> id.equals(r.get("bookingId"))));
        String first = (String) admin.deadLetters(DLQ).stream().filter(r -> id.equals(r.get("bookingId"))).findFirst().orElseThrow().get("messageId");

        admin.replay(DLQ, first);
        await().until(() -> admin.deadLetters(DLQ).stream().anyMatch(r -> id.equals(r.get("bookingId")) && !first.equals(r.get("messageId"))));
        String second = (String) admin.deadLetters(DLQ).stream().filter(r -> id.equals(r.get("bookingId"))).findFirst().orElseThrow().get("messageId");

        admin.replay(DLQ, second);
        await().until(() -> platform.findByBookingId(id).isPresent());
    }

    @Test
    void onlyDeadLetterQueuesCanBeBrowsed() {
        assertThat(new AdminClient(httpPort).replay("platform.appointment", "x")).isEqualTo(400);
    }
}
