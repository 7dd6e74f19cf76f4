package se.vardnav.notification;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import se.vardnav.connector.sms.DeliveryReport;
import se.vardnav.support.HubTestBase;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reports arrive in any order, before or after the hub has recorded the gateway's answer, repeated, and out of
 * sequence: none is lost, the gateway's time is kept, and a final status never moves back.
 */
class SmsSendsIT extends HubTestBase {
    private static final Instant AT = Instant.parse("2026-03-01T09:15:30Z");
    @Autowired
    SmsSends sends;

    private String status(String key) {
        return sends.find(key).orElseThrow().status();
    }

    private Instant reportedAt(String key) {
        return jdbc.queryForObject("SELECT reported_at FROM sms_send WHERE business_key = ?", Timestamp.class, key).toInstant();
    }

    private int kept(String gatewayId, String key) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM sms_report WHERE gateway_id = ? OR business_key = ?", Integer.class, gatewayId, key);
    }

    private static SmsRequest request(String key) {
        return new SmsRequest(key, "0701234567", "text");
    }

    @Test
    void aReceiptThatOvertakesTheRecordOfTheSendIsAppliedWhenTheRecordArrives() {
        String key = "early-" + UUID.randomUUID();
        String smscId = "smsc-" + UUID.randomUUID();

        assertThat(sends.report("smpp", new DeliveryReport(smscId, null, DeliveryReport.Status.DELIVERED, AT)))
                .isEqualTo(SmsSends.ReportOutcome.KEPT);
        sends.accepted(request(key), "smpp", smscId, 1);

        assertThat(status(key)).isEqualTo("DELIVERED");
        assertThat(reportedAt(key)).isEqualTo(AT);
        assertThat(kept(smscId, key)).isZero();
    }

    @Test
    void aReceiptAfterTheRecordUpdatesItDirectlyAndKeepsNothingAside() {
        String key = "late-" + UUID.randomUUID();
        String smscId = "smsc-" + UUID.randomUUID();

        sends.accepted(request(key), "smpp", smscId, 1);
        assertThat(sends.report("smpp", new DeliveryReport(smscId, null, DeliveryReport.Status.FAILED, AT)))
                .isEqualTo(SmsSends.ReportOutcome.APPLIED);

        assertThat(status(key)).isEqualTo("FAILED");
        assertThat(kept(smscId, key)).isZero();
    }

    @Test
    void aReportByBusinessKeyThatOvertakesTheGatewaysAnswerIsNotUndoneByIt() {
        String key = "kannel-" + UUID.randomUUID();
        sends.pending(request(key), "kannel", 1);

        assertThat(sends.report("kannel", new DeliveryReport(key, key, DeliveryReport.Status.DELIVERED, AT)))
                .isEqualTo(SmsSends.ReportOutcome.APPLIED);
        sends.accepted(request(key), "kannel", key, 1);

        assertThat(status(key)).isEqualTo("DELIVERED");
        assertThat(reportedAt(key)).isEqualTo(AT);
        assertThat(sends.find(key).orElseThrow().taken()).isTrue();
    }

    @Test
    void aFinalStatusNeverMovesBackAndARepeatedReportChangesNothing() {
        String key = "order-" + UUID.randomUUID();
        sends.accepted(request(key), "kannel", key, 1);

        // Kannel sends "delivered" (1) before "handed to the SMSC" (8) now and then
        sends.report("kannel", new DeliveryReport(key, key, DeliveryReport.Status.DELIVERED, AT));
        sends.report("kannel", new DeliveryReport(key, key, DeliveryReport.Status.SENT_TO_SMSC, AT.minusSeconds(1)));
        sends.report("kannel", new DeliveryReport(key, key, DeliveryReport.Status.DELIVERED, AT.plusSeconds(60)));
        sends.report("kannel", new DeliveryReport(key, key, DeliveryReport.Status.FAILED, AT.plusSeconds(90)));

        assertThat(status(key)).isEqualTo("DELIVERED");
        assertThat(reportedAt(key)).as("the first final report's own time").isEqualTo(AT);
        assertThat(kept(key, key)).isZero();
    }

    @Test
    void intermediateReportsMoveForwardOnly() {
        String key = "steps-" + UUID.randomUUID();
        sends.accepted(request(key), "kannel", key, 1);

        sends.report("kannel", new DeliveryReport(key, key, DeliveryReport.Status.QUEUED, AT));
        sends.report("kannel", new DeliveryReport(key, key, DeliveryReport.Status.SENT_TO_SMSC, AT.minusSeconds(5)));
        assertThat(status(key)).isEqualTo("QUEUED");
        sends.report("kannel", new DeliveryReport(key, key, DeliveryReport.Status.FAILED, AT.plusSeconds(5)));
        assertThat(status(key)).isEqualTo("FAILED");
    }

    @Test
    void aSendTheHubGaveUpOnIsKeptWithItsReasonAndMaySendAgainOnReplay() {
        String key = "dead-" + UUID.randomUUID();
        sends.pending(request(key), "kannel", 1);
        sends.notSent(request(key), "kannel", 1, "refused: HTTP 400");

        SmsSends.Send dead = sends.find(key).orElseThrow();
        assertThat(dead.status()).isEqualTo("NOT_SENT");
        assertThat(dead.reason()).isEqualTo("refused: HTTP 400");
        assertThat(dead.taken()).isFalse();

        sends.pending(request(key), "kannel", 1);
        assertThat(status(key)).isEqualTo("PENDING");
        assertThat(sends.find(key).orElseThrow().reason()).isNull();
    }

    @Test
    void anSmscRejectAfterTheRefusalIsTheGatewaysFinalWord() {
        String key = "refused-" + UUID.randomUUID();
        sends.pending(request(key), "kannel", 1);
        sends.notSent(request(key), "kannel", 1, "refused: Not routable");
        sends.report("kannel", new DeliveryReport(key, key, DeliveryReport.Status.REJECTED, AT));
        sends.report("kannel", new DeliveryReport(key, key, DeliveryReport.Status.SENT_TO_SMSC, AT));

        assertThat(status(key)).isEqualTo("REJECTED");
        assertThat(sends.find(key).orElseThrow().reason()).isEqualTo("refused: Not routable");
    }

    @Test
    void anSmscRejectThatOvertookTheRefusalStays() {
        String key = "rejected-" + UUID.randomUUID();
        sends.pending(request(key), "kannel", 1);
        sends.report("kannel", new DeliveryReport(key, key, DeliveryReport.Status.REJECTED, AT));
        sends.notSent(request(key), "kannel", 1, "refused: Not routable");

        assertThat(status(key)).isEqualTo("REJECTED");
        assertThat(sends.find(key).orElseThrow().reason()).isEqualTo("refused: Not routable");
    }

    @Test
    void aSecondConsumerDoesNotHandOverAnSmsAnotherIsHandingOverUntilItIsReleasedOrTheLeasePasses() {
        String key = "lease-" + UUID.randomUUID();
        assertThat(sends.pending(request(key), "elks", 1)).as("first consumer").isTrue();
        // the broker gave the same message to another consumer (failover) while the first calls the gateway
        assertThat(sends.pending(request(key), "elks", 1)).as("second consumer, meanwhile").isFalse();

        sends.released(request(key)); // the gateway could not take it: the next try need not wait
        assertThat(sends.pending(request(key), "elks", 1)).as("after a failed hand-over").isTrue();

        // a hub that died mid-call: its lease runs out, then the SMS may be handed over again
        jdbc.update("UPDATE sms_send SET sending_until = ? WHERE business_key = ?", Timestamp.from(Instant.now().minusSeconds(1)), key);
        assertThat(sends.pending(request(key), "elks", 1)).as("after the lease").isTrue();

        sends.accepted(request(key), "elks", "gw-1", 1);
        assertThat(sends.pending(request(key), "elks", 1)).as("once the gateway has it").isFalse();
    }
}
