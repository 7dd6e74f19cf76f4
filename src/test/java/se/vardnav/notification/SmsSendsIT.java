package se.vardnav.notification;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import se.vardnav.support.HubTestBase;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** An SMPP receipt arrives right after submit_sm_resp, sometimes before the hub has recorded the send. */
class SmsSendsIT extends HubTestBase {
    @Autowired
    SmsSends sends;

    private String status(String key) {
        return sends.find(key).orElseThrow().status();
    }

    @Test
    void aReceiptThatOvertakesTheRecordOfTheSendIsAppliedWhenTheRecordArrives() {
        String key = "early-" + UUID.randomUUID();
        String smscId = "smsc-" + UUID.randomUUID();

        sends.receipt(smscId, "DELIVERED");
        sends.accepted(new SmsRequest(key, "0701234567", "text"), "smpp", smscId, 1);

        assertThat(status(key)).isEqualTo("DELIVERED");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM sms_early_report WHERE gateway_id = ?", Integer.class, smscId)).isZero();
    }

    @Test
    void aReceiptAfterTheRecordUpdatesItDirectlyAndKeepsNothingAside() {
        String key = "late-" + UUID.randomUUID();
        String smscId = "smsc-" + UUID.randomUUID();

        sends.accepted(new SmsRequest(key, "0701234567", "text"), "smpp", smscId, 1);
        sends.receipt(smscId, "FAILED");

        assertThat(status(key)).isEqualTo("FAILED");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM sms_early_report WHERE gateway_id = ?", Integer.class, smscId)).isZero();
    }
}
