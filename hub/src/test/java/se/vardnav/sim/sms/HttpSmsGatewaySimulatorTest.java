package se.vardnav.sim.sms;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import se.vardnav.connector.sms.DeliveryReport;
import se.vardnav.connector.sms.DeliveryReportUrls;
import se.vardnav.connector.sms.ReportSignature;
import se.vardnav.connector.sms.DeliveryReports;
import se.vardnav.connector.sms.ElksSmsGateway;
import se.vardnav.connector.sms.KannelSmsGateway;
import se.vardnav.connector.sms.SmsAccepted;
import se.vardnav.connector.sms.SmsGateway;
import se.vardnav.connector.sms.SmsMessage;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Delivery reports from the simulator to a real HTTP endpoint, parsed as the hub will parse them. */
class HttpSmsGatewaySimulatorTest {
    private static final String USER = HttpSmsGatewaySimulator.DEFAULT_USER;
    private static final String PASSWORD = HttpSmsGatewaySimulator.DEFAULT_PASSWORD;
    private static final ReportSignature SIGNATURE = new ReportSignature("a-test-secret-of-some-length");
    private static HttpSmsGatewaySimulator sim;
    private static ReportEndpoint endpoint;
    private static SmsGateway elks;
    private static SmsGateway kannel;

    @BeforeAll
    static void start() {
        sim = new HttpSmsGatewaySimulator(0).start();
        endpoint = new ReportEndpoint();
        Duration t = Duration.ofSeconds(2);
        elks = new ElksSmsGateway(sim.baseUrl(), USER, PASSWORD, new DeliveryReportUrls(endpoint.url(), "elks", SIGNATURE), t, t);
        kannel = new KannelSmsGateway(sim.baseUrl(), USER, PASSWORD, new DeliveryReportUrls(endpoint.url(), "kannel", SIGNATURE), t, t);
    }

    @AfterAll
    static void stop() {
        endpoint.close();
        sim.close();
    }

    @BeforeEach
    void clean() {
        sim.reset();
        endpoint.clear();
    }

    private static SmsMessage sms(String key) {
        return new SmsMessage(key, "Vardnav", "+46701234512", "Din tid är bokad.", false);
    }

    @Test
    void elksReportArrivesAsFormPostAndParses() {
        sim.autoReport(true);
        Instant before = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        SmsAccepted accepted = elks.send(sms("N-1"));

        await().atMost(Duration.ofSeconds(5)).until(() -> endpoint.calls().size() == 1);
        ReportEndpoint.Call call = endpoint.calls().get(0);
        assertThat(call.method()).isEqualTo("POST");
        var query = DeliveryReports.decodeForm(call.rawQuery());
        DeliveryReport report = DeliveryReports.fromElks(DeliveryReports.decodeForm(call.body()), query.get("key"), call.at());
        assertThat(report.gatewayId()).isEqualTo(accepted.gatewayId());
        assertThat(report.businessKey()).isEqualTo("N-1");
        assertThat(SIGNATURE.verify("elks", "N-1", query.get("sig"))).isTrue();
        assertThat(report.status()).isEqualTo(DeliveryReport.Status.DELIVERED);
        assertThat(report.at()).isBetween(before, call.at());
    }

    @Test
    void reportNowSendsFailed() {
        SmsAccepted accepted = elks.send(sms("N-2"));
        assertThat(endpoint.calls()).isEmpty(); // no auto report by default

        sim.reportNow(accepted.gatewayId(), false);

        await().atMost(Duration.ofSeconds(5)).until(() -> endpoint.calls().size() == 1);
        ReportEndpoint.Call call = endpoint.calls().get(0);
        DeliveryReport report = DeliveryReports.fromElks(DeliveryReports.decodeForm(call.body()), call.at());
        assertThat(report.status()).isEqualTo(DeliveryReport.Status.FAILED);
        assertThat(report.gatewayId()).isEqualTo(accepted.gatewayId());
    }

    @Test
    void elksReportAnswered500OnceIsRetried() {
        endpoint.answerNext(500);
        sim.autoReport(true);
        SmsAccepted accepted = elks.send(sms("N-3"));

        await().atMost(Duration.ofSeconds(5)).until(() -> endpoint.calls().size() == 2);
        assertThat(endpoint.calls()).extracting(ReportEndpoint.Call::answered).containsExactly(500, 200);
        assertThat(endpoint.calls().get(1).body()).isEqualTo(endpoint.calls().get(0).body());
        ReportEndpoint.Call last = endpoint.calls().get(1);
        assertThat(DeliveryReports.fromElks(DeliveryReports.decodeForm(last.body()), last.at()).gatewayId())
                .isEqualTo(accepted.gatewayId());
        // answered 200 the second time: no third call
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2))
                .until(() -> endpoint.calls().size() == 2);
        assertThat(sim.reportAttempts()).isEqualTo(2);
    }

    @Test
    void elksRetriesStopAfterAFewAttempts() {
        endpoint.answerNext(503, 503, 503, 503, 503, 503);
        sim.autoReport(true);
        elks.send(sms("N-4"));

        await().atMost(Duration.ofSeconds(5)).until(() -> endpoint.calls().size() == DeliveryReporter.ELKS_ATTEMPTS);
        await().during(Duration.ofMillis(1000)).atMost(Duration.ofSeconds(3))
                .until(() -> endpoint.calls().size() == DeliveryReporter.ELKS_ATTEMPTS);
    }

    @Test
    void kannelReportCarriesTheBusinessKeyThroughTheEscapes() {
        // '%' and 'å' become %25 and %C3%A5 in the dlr-url: Kannel must not read them as %2 or %C
        String key = "B-17/påminnelse 100% klar";
        sim.autoReport(true);
        Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        SmsAccepted accepted = kannel.send(sms(key));

        await().atMost(Duration.ofSeconds(5)).until(() -> endpoint.calls().size() == 1);
        ReportEndpoint.Call call = endpoint.calls().get(0);
        assertThat(call.method()).isEqualTo("GET");
        var query = DeliveryReports.decodeForm(call.rawQuery());
        DeliveryReport report = DeliveryReports.fromKannel(query, call.at());
        assertThat(report.businessKey()).isEqualTo(key).isEqualTo(accepted.gatewayId());
        assertThat(SIGNATURE.verify("kannel", key, query.get("sig"))).isTrue();
        assertThat(report.status()).isEqualTo(DeliveryReport.Status.DELIVERED);
        assertThat(report.at()).isBetween(before, call.at());
    }

    @Test
    void kannelUndeliveredIsFailed() {
        kannel.send(sms("N-5"));
        sim.reportNow(sim.received().get(0).id(), false);

        await().atMost(Duration.ofSeconds(5)).until(() -> endpoint.calls().size() == 1);
        ReportEndpoint.Call call = endpoint.calls().get(0);
        DeliveryReport report = DeliveryReports.fromKannel(DeliveryReports.decodeForm(call.rawQuery()), call.at());
        assertThat(report.status()).isEqualTo(DeliveryReport.Status.FAILED);
        assertThat(report.businessKey()).isEqualTo("N-5");
    }

    @Test
    void reportNowForUnknownIdFails() {
        assertThatThrownBy(() -> sim.reportNow("s-none", true)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void substituteFollowsKannelEscapes() {
        ReceivedSms sms = new ReceivedSms("s1", ReceivedSms.Protocol.KANNEL, "Vardnav", "+46701234512", "Hej", 0,
                "UTF-8", "u?k=a%%C3%%A5&s=%d&t=%T&c=%C&x=%x", Instant.EPOCH);
        assertThat(DeliveryReporter.substitute(sms, 1, Instant.ofEpochSecond(42)))
                .isEqualTo("u?k=a%C3%A5&s=1&t=42&c=UTF-8&x=%x");
    }
}
