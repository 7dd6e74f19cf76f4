package se.vardnav.connector.sms;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The pure parts: report parsing, and what is left of a gateway's error text. */
class SmsGatewayDeliveryReportsTest {
    private static final Instant RECEIVED = Instant.parse("2025-03-01T10:00:00Z");

    @Test
    void elksDeliveredWithMicroseconds() {
        Map<String, String> form = DeliveryReports.decodeForm(
                "id=s70df59406a1b4643b96f3f91e0bfb7b0&status=delivered&delivered=2018-07-13T13%3A57%3A23.741000");
        DeliveryReport r = DeliveryReports.fromElks(form, RECEIVED);
        assertThat(r).isEqualTo(new DeliveryReport("s70df59406a1b4643b96f3f91e0bfb7b0", null,
                DeliveryReport.Status.DELIVERED, Instant.parse("2018-07-13T13:57:23.741Z")));
    }

    @Test
    void elksFailedWithSpaceSeparatedTimeOrNone() {
        assertThat(DeliveryReports.fromElks(Map.of("id", "s1", "status", "failed",
                "delivered", "2024-01-02 03:04:05"), RECEIVED).at()).isEqualTo(Instant.parse("2024-01-02T03:04:05Z"));
        DeliveryReport r = DeliveryReports.fromElks(Map.of("id", "s1", "status", "failed"), RECEIVED);
        assertThat(r.status()).isEqualTo(DeliveryReport.Status.FAILED);
        assertThat(r.status().isFinal()).isTrue();
        assertThat(r.at()).isEqualTo(RECEIVED);
    }

    @Test
    void elksUnreadableTimeFallsBackToReceived() {
        assertThat(DeliveryReports.fromElks(Map.of("id", "s1", "status", "delivered", "delivered", "yesterday"),
                RECEIVED).at()).isEqualTo(RECEIVED);
    }

    @Test
    void elksWithoutIdOrWithUnknownStatusIsRefused() {
        assertThatThrownBy(() -> DeliveryReports.fromElks(Map.of("status", "delivered"), RECEIVED))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DeliveryReports.fromElks(Map.of("id", "s1", "status", "lost"), RECEIVED))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @CsvSource({"1,DELIVERED,true", "2,FAILED,true", "4,QUEUED,false", "8,SENT_TO_SMSC,false", "16,REJECTED,true"})
    void kannelStatusBits(String code, DeliveryReport.Status expected, boolean isFinal) {
        DeliveryReport r = DeliveryReports.fromKannel(
                DeliveryReports.decodeForm("key=B-1%2Fp%C3%A5&status=" + code + "&ts=1700000000"), RECEIVED);
        assertThat(r.status()).isEqualTo(expected);
        assertThat(r.status().isFinal()).isEqualTo(isFinal);
        assertThat(r.businessKey()).isEqualTo("B-1/på").isEqualTo(r.gatewayId());
        assertThat(r.at()).isEqualTo(Instant.ofEpochSecond(1_700_000_000L));
    }

    @Test
    void kannelEmptyTimeFallsBackAndOddStatusIsRefused() {
        assertThat(DeliveryReports.fromKannel(Map.of("key", "B-1", "status", "1", "ts", ""), RECEIVED).at())
                .isEqualTo(RECEIVED);
        assertThatThrownBy(() -> DeliveryReports.fromKannel(Map.of("key", "B-1", "status", "3"), RECEIVED))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DeliveryReports.fromKannel(Map.of("key", "B-1", "status", "%d"), RECEIVED))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void decodeFormKeepsFirstValueAndPlusAsSpace() {
        assertThat(DeliveryReports.decodeForm("a=1&a=2&b=x+y&c&=z"))
                .containsEntry("a", "1").containsEntry("b", "x y").containsEntry("c", "");
    }

    @Test
    void reasonLosesNumberAndTextAndIsShort() {
        SmsMessage m = new SmsMessage("N-1", "Vardnav", "+46701234512", "Ditt provsvar finns", false);
        assertThat(SmsHttp.reason("Bad number 0701234512 / 46 70-123 45 12 for 'Ditt provsvar finns'\n", m))
                .isEqualTo("Bad number *** / *** for '***'");
        assertThat(SmsHttp.reason("x".repeat(500), m)).hasSize(SmsHttp.REASON_MAX + 1).endsWith("…");
    }

    @Test
    void statusClassification() {
        assertThat(SmsHttp.failure("gw", 400, "")).isInstanceOf(SmsRejectedException.class);
        assertThat(SmsHttp.failure("gw", 422, "")).isInstanceOf(SmsRejectedException.class);
        // the gateway takes nothing from us as configured: not the message's fault, it waits
        assertThat(SmsHttp.failure("gw", 401, "")).isInstanceOf(SmsGatewayFaultException.class);
        assertThat(SmsHttp.failure("gw", 403, "")).isInstanceOf(SmsGatewayFaultException.class);
        assertThat(SmsHttp.failure("gw", 404, "")).isInstanceOf(SmsGatewayFaultException.class);
        assertThat(SmsHttp.failure("gw", 408, "")).isInstanceOf(SmsTransientException.class);
        assertThat(SmsHttp.failure("gw", 429, "")).isInstanceOf(SmsTransientException.class);
        assertThat(SmsHttp.failure("gw", 502, "")).isInstanceOf(SmsTransientException.class);
    }

    @Test
    void elksReportTakesTheBusinessKeyFromItsUrl() {
        DeliveryReport r = DeliveryReports.fromElks(Map.of("id", "s1", "status", "delivered"), "N-7", RECEIVED);
        assertThat(r.businessKey()).isEqualTo("N-7");
        assertThat(r.gatewayId()).isEqualTo("s1");
    }

    @Test
    void reportTokensAreBoundToGatewayAndKey() {
        ReportSignature s = new ReportSignature("a-test-secret-of-some-length");
        String token = s.sign("kannel", "N-1");
        assertThat(s.verify("kannel", "N-1", token)).isTrue();
        assertThat(s.verify("elks", "N-1", token)).isFalse();
        assertThat(s.verify("kannel", "N-2", token)).isFalse();
        assertThat(s.verify("kannel", "N-1", null)).isFalse();
        assertThat(new ReportSignature("another-secret-of-some-length").verify("kannel", "N-1", token)).isFalse();
        assertThatThrownBy(() -> new ReportSignature("short")).isInstanceOf(IllegalArgumentException.class);
        assertThat(new DeliveryReportUrls("http://hub/sms/reports/kannel", "kannel", s).forKey("B 1/å"))
                .isEqualTo("http://hub/sms/reports/kannel?key=B%201%2F%C3%A5&sig=" + s.sign("kannel", "B 1/å"));
    }

    @Test
    void elksErrorTextPrefersJsonField() {
        assertThat(ElksSmsGateway.errorText("{\"error\":\"Invalid 'to' number\"}")).isEqualTo("Invalid 'to' number");
        assertThat(ElksSmsGateway.errorText("Not enough credits")).isEqualTo("Not enough credits");
    }
}
