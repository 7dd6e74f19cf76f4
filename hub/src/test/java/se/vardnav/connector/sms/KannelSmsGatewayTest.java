package se.vardnav.connector.sms;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import se.vardnav.sim.sms.HttpSmsGatewaySimulator;
import se.vardnav.sim.sms.ReceivedSms;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** KannelSmsGateway against the simulator over a real socket. */
class KannelSmsGatewayTest {
    private static final String NUMBER = "+46701234512";
    private static final String USER = HttpSmsGatewaySimulator.DEFAULT_USER;
    private static final String PASSWORD = HttpSmsGatewaySimulator.DEFAULT_PASSWORD;
    private static HttpSmsGatewaySimulator sim;
    private static KannelSmsGateway gateway;

    @BeforeAll
    static void start() {
        sim = new HttpSmsGatewaySimulator(0).start();
        gateway = gateway(PASSWORD, "http://hub.example/sms/dlr");
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @BeforeEach
    void clean() {
        sim.reset();
    }

    private static final ReportSignature SIGNATURE = new ReportSignature("a-test-secret-of-some-length");

    private static KannelSmsGateway gateway(String password, String dlrUrl) {
        return new KannelSmsGateway(sim.baseUrl(), USER, password,
                dlrUrl == null ? null : new DeliveryReportUrls(dlrUrl, "kannel", SIGNATURE), Duration.ofSeconds(1), Duration.ofSeconds(2));
    }

    @Test
    void unicodeTextArrivesIntactWithUcs2Coding() {
        // '+', '&', '%', '=' and '#' would break a naively built query; åäö and the emoji test UTF-8
        String text = "Hej Åsa! Välkommen, öppna länken 😀 & svara 1+1=2, 100% #ok";
        SmsAccepted accepted = gateway.send(new SmsMessage("N-9", "Vardnav", NUMBER, text, true));

        assertThat(accepted.gatewayId()).isEqualTo("N-9");
        ReceivedSms got = sim.received().get(0);
        assertThat(got.protocol()).isEqualTo(ReceivedSms.Protocol.KANNEL);
        assertThat(got.text()).isEqualTo(text);
        assertThat(got.to()).isEqualTo(NUMBER);
        assertThat(got.coding()).isEqualTo(2);
        assertThat(got.charset()).isEqualTo("UTF-8");
        assertThat(got.reportUrl())
                .isEqualTo("http://hub.example/sms/dlr?key=N-9&sig=" + SIGNATURE.sign("kannel", "N-9") + "&status=%d&ts=%T");
        assertThat(got.dlrMask()).as("every report type, SMSC reject (16) included").isEqualTo(31);
    }

    @Test
    void plainTextUsesDefaultCoding() {
        gateway.send(new SmsMessage("N-10", "Vardnav", NUMBER, "Din tid är bokad.", false));
        assertThat(sim.received().get(0).coding()).isZero();
        assertThat(sim.received().get(0).text()).isEqualTo("Din tid är bokad.");
    }

    @Test
    void withoutReportUrlNoReportIsAskedFor() {
        gateway(PASSWORD, null).send(new SmsMessage("N-11", "Vardnav", NUMBER, "Hej", false));
        assertThat(sim.received().get(0).reportUrl()).isNull();
    }

    @Test
    void wrongPasswordIsAGatewayFaultNotTheMessages() {
        SmsGatewayFaultException e = catchThrowableOfType(
                () -> gateway("wrong", null).send(new SmsMessage("N-12", "Vardnav", NUMBER, "Hej", false)),
                SmsGatewayFaultException.class);
        assertThat(e.statusCode()).isEqualTo(403);
        assertThat(e.getMessage()).contains("Authorization failed").doesNotContain("wrong");
    }

    @Test
    void otherForbiddenAnswersAreAboutTheMessage() {
        sim.failNext(1, 403);
        assertThat(catchThrowableOfType(() -> gateway.send(new SmsMessage("N-15", "Vardnav", NUMBER, "Hej", false)),
                SmsRejectedException.class).statusCode()).isEqualTo(403);
    }

    @Test
    void ucs2IsCountedByOctetsAsKannelCutsIt() {
        assertThat(gateway.splitting()).isEqualTo(Splitting.UCS2_BY_OCTETS);
    }

    @Test
    void serviceUnavailableAndDownAreTransient() {
        SmsMessage m = new SmsMessage("N-13", "Vardnav", NUMBER, "Hej", false);
        sim.failNext(1, 503);
        assertThat(catchThrowableOfType(() -> gateway.send(m), SmsTransientException.class).statusCode())
                .isEqualTo(503);
        sim.goDown();
        SmsTransientException down = catchThrowableOfType(() -> gateway.send(m), SmsTransientException.class);
        assertThat(down.statusCode()).isZero();
        assertThat(down.getMessage()).doesNotContain("701234512").doesNotContain("password");
        sim.comeUp();
        assertThat(gateway.send(m).gatewayId()).isEqualTo("N-13");
    }

    @Test
    void refusedNumberIsRejectedWithoutPersonalData() {
        sim.refuseNumbers(n -> n.startsWith("+4670"));
        SmsRejectedException e = catchThrowableOfType(
                () -> gateway.send(new SmsMessage("N-14", "Vardnav", NUMBER, "Ditt provsvar finns", false)),
                SmsRejectedException.class);
        assertThat(e.statusCode()).isEqualTo(400);
        assertThat(e.getMessage()).contains("denied").doesNotContain("701234512").doesNotContain("provsvar");
    }

    @Test
    void dlrUrlDoublesThePercentOfTheEncodedKey() {
        String url = new DeliveryReportUrls("http://hub/dlr?src=kannel", "kannel", SIGNATURE).forKey("B 1/å");
        assertThat(KannelSmsGateway.dlrUrl(url))
                .isEqualTo("http://hub/dlr?src=kannel&key=B%%201%%2F%%C3%%A5&sig=" + SIGNATURE.sign("kannel", "B 1/å") + "&status=%d&ts=%T");
    }
}
