package se.vardnav.notification;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import se.vardnav.connector.sms.ReportSignature;
import se.vardnav.sim.sms.ReceivedSms;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The SMS delivery suite over the 46elks-style HTTP gateway (the default configuration). */
class HttpSmsDeliveryIT extends SmsDeliverySuite {
    @Autowired
    MeterRegistry meters;
    @Autowired
    SmsGatewayHealth health;
    @Autowired
    ReportSignature signature;

    @Override
    protected String protocol() {
        return "elks";
    }

    @Override
    protected List<Sent> received() {
        return smsGateway.received().stream().map(r -> new Sent(r.to(), r.text())).toList();
    }

    @Override
    protected void gatewayDown() {
        smsGateway.goDown();
    }

    @Override
    protected void gatewayUp() {
        smsGateway.comeUp();
    }

    @Override
    protected void reportDeliveries() {
        smsGateway.autoReport(true);
    }

    private double counter(String name, String... tags) {
        var c = meters.find(name).tags(tags).counter();
        return c == null ? 0 : c.count();
    }

    @Test
    void aReportWithoutTheTokenOfItsSmsChangesNothingAndIsCounted() throws Exception {
        String key = "sms-" + UUID.randomUUID();
        String other = "sms-" + UUID.randomUUID();
        enqueue(request(key, "0701234567", "Förfalskad rapport " + key));
        await().until(() -> "ACCEPTED".equals(status(key)));
        double forged = counter("vardnav.sms.reports", "gateway", "elks", "outcome", "forged");
        String k = URLEncoder.encode(key, StandardCharsets.UTF_8);

        // the key is readable from the Communications; without the token it is worth nothing
        assertThat(callReportUrl("POST", "/sms/reports/elks?key=" + k, "id=x&status=failed")).isEqualTo(403);
        assertThat(callReportUrl("POST", "/sms/reports/elks?key=" + k + "&sig=" + signature.sign("elks", other), "id=x&status=failed"))
                .isEqualTo(403);
        assertThat(callReportUrl("POST", "/sms/reports/elks?key=" + k + "&sig=" + signature.sign("kannel", key), "id=x&status=failed"))
                .isEqualTo(403);

        assertThat(status(key)).isEqualTo("ACCEPTED");
        assertThat(counter("vardnav.sms.reports", "gateway", "elks", "outcome", "forged")).isEqualTo(forged + 3);
        // the real one, through the URL the gateway was given, is taken and answered 2xx
        ReceivedSms sent = smsGateway.received().stream().filter(r -> r.text().contains(key)).findFirst().orElseThrow();
        smsGateway.reportNow(sent.id(), false);
        await().until(() -> "FAILED".equals(status(key)));
    }

    @Test
    void wrongCredentialsMakeSmsWaitAndShowTheGatewayFailingThenEachIsSentOnceWhenFixed() {
        smsGateway.changePassword("rotated-by-the-operator");
        String key = "sms-" + UUID.randomUUID();
        String text = "Vänta på rätt lösenord " + key;
        enqueue(request(key, "0701234567", text));

        await().until(() -> !health.isUp());
        assertThat(health.health().getDetails()).containsEntry("kind", "configuration");
        assertThat(meters.get("vardnav.sms.gateway.up").tag("gateway", "elks").gauge().value()).isZero();
        await().until(() -> counter("vardnav.sms.gateway.failures", "gateway", "elks", "kind", "configuration") >= 2);
        assertThat(smsGateway.received()).noneMatch(r -> r.text().equals(text));
        assertThat(status(key)).as("waiting, not dead-lettered").isEqualTo("PENDING");

        smsGateway.changePassword(se.vardnav.sim.sms.HttpSmsGatewaySimulator.DEFAULT_PASSWORD);
        await().atMost(Duration.ofSeconds(20)).until(() -> "ACCEPTED".equals(status(key)));
        assertThat(smsGateway.received().stream().filter(r -> r.text().equals(text))).hasSize(1);
        assertThat(health.isUp()).isTrue();
    }
}
