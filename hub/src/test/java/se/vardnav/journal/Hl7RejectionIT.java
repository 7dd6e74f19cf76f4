package se.vardnav.journal;

import org.junit.jupiter.api.Test;
import se.vardnav.sim.journal.SiuMessages;
import se.vardnav.support.AdminClient;
import se.vardnav.support.HubTestBase;
import se.vardnav.support.TestPersons;

import java.time.LocalDateTime;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Bad input gets a negative ACK that says why, and is kept where an operator sees it. */
class Hl7RejectionIT extends HubTestBase {
    private static final String DLQ = "DLQ.journal.inbound";

    @Test
    void malformedHl7GetsArWithAReasonAndIsKept() {
        AdminClient admin = new AdminClient(httpPort);
        int before = admin.deadLetters(DLQ).size();
        // no message type in MSH-9: nothing says what structure the message has
        String ack = send("MSH|^~\\&|TAKECARE|X|VARDNAV|REGION|20261120080000|||BROKEN-1|P|2.5\rSCH|B1\r");
        assertThat(ack).contains("MSA|AR");
        assertThat(ack).contains("ERR|");
        await().until(() -> admin.deadLetters(DLQ).size() == before + 1);
        assertThat(admin.deadLetters(DLQ)).last().satisfies(row -> assertThat((String) row.get("reason")).startsWith("AR"));
    }

    @Test
    void notHl7AtAllGetsAr() {
        assertThat(send("hello, is this the hub?")).contains("MSA|AR");
    }

    @Test
    void aBadPersonnummerCheckDigitGetsAeWithTheReasonButNotTheNumber() {
        String bad = TestPersons.withBadCheckDigit();
        String ack = send(SiuMessages.s12().bookingId(newBookingId()).start(LocalDateTime.of(2026, 12, 1, 9, 0)).minutes(20)
                .timeType("VIDEO", "Video").patient(bad).controlId("BADPNR-" + bad.hashCode()).build());
        assertThat(ack).contains("MSA|AE").contains("check digit").doesNotContain(bad);
        AdminClient admin = new AdminClient(httpPort);
        await().until(() -> admin.deadLetters(DLQ).stream().anyMatch(r -> String.valueOf(r.get("reason")).contains("check digit")));
    }

    @Test
    void missingStartTimeGetsAe() {
        String ack = send(SiuMessages.s12().bookingId(newBookingId()).timeType("VIDEO", "Video").patient(TestPersons.next()).build());
        assertThat(ack).contains("MSA|AE");
    }

    @Test
    void unknownMessageTypeGetsAe() {
        String ack = send(SiuMessages.trigger("S99").bookingId(newBookingId()).start(LocalDateTime.of(2026, 12, 1, 9, 0)).minutes(20)
                .timeType("VIDEO", "Video").patient(TestPersons.next()).build());
        assertThat(ack).contains("MSA|AE");
        assertThat(ack).contains("S99");
    }

    @Test
    void aRejectedMessageCanBeReplayedFromItsDeadLetterQueue() {
        AdminClient admin = new AdminClient(httpPort);
        send("garbage that is not HL7 " + newBookingId());
        await().until(() -> !admin.deadLetters(DLQ).isEmpty());
        Map<String, Object> row = admin.deadLetters(DLQ).get(0);
        assertThat(admin.replay(DLQ, (String) row.get("messageId"))).isEqualTo(200);
        // replayed, refused again by the same intake, and back in the DLQ: nothing is lost
        await().until(() -> admin.deadLetters(DLQ).stream().anyMatch(r -> !r.get("messageId").equals(row.get("messageId"))
                && String.valueOf(r.get("reason")).startsWith("AR")));
    }
}
