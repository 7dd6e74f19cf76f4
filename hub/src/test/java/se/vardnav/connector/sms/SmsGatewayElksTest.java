package se.vardnav.connector.sms;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import se.vardnav.sim.sms.HttpSmsGatewaySimulator;
import se.vardnav.sim.sms.ReceivedSms;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** ElksSmsGateway against the simulator over a real socket. */
class SmsGatewayElksTest {
    private static final String NUMBER = "+46701234512";
    private static final String USER = HttpSmsGatewaySimulator.DEFAULT_USER;
    private static final String PASSWORD = HttpSmsGatewaySimulator.DEFAULT_PASSWORD;
    private static HttpSmsGatewaySimulator sim;
    private static ElksSmsGateway gateway;

    @BeforeAll
    static void start() {
        sim = new HttpSmsGatewaySimulator(0).start();
        gateway = gateway(PASSWORD, Duration.ofSeconds(2));
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @BeforeEach
    void clean() {
        sim.reset();
    }

    private static ElksSmsGateway gateway(String password, Duration requestTimeout) {
        return new ElksSmsGateway(sim.baseUrl() + "/", USER, password, null, Duration.ofSeconds(1), requestTimeout);
    }

    private static SmsMessage sms(String to) {
        return new SmsMessage("N-1", "Vardnav", to, "Påminnelse: videomöte 14:15 idag.", false);
    }

    @Test
    void acceptedWithTheGatewaysId() {
        SmsAccepted accepted = gateway.send(sms(NUMBER));

        assertThat(sim.received()).hasSize(1);
        ReceivedSms got = sim.received().get(0);
        assertThat(accepted.gatewayId()).startsWith("s").isEqualTo(got.id());
        assertThat(got.protocol()).isEqualTo(ReceivedSms.Protocol.ELKS);
        assertThat(got.from()).isEqualTo("Vardnav");
        assertThat(got.to()).isEqualTo(NUMBER);
        assertThat(got.text()).isEqualTo("Påminnelse: videomöte 14:15 idag.");
        assertThat(got.reportUrl()).isNull();
    }

    @Test
    void wrongCredentialsAreAGatewayFaultNotTheMessages() {
        SmsGatewayFaultException e = catchThrowableOfType(() -> gateway("wrong", Duration.ofSeconds(2)).send(sms(NUMBER)),
                SmsGatewayFaultException.class);
        assertThat(e.statusCode()).isEqualTo(401);
        assertThat(sim.received()).isEmpty();
    }

    @Test
    void serviceUnavailableIsTransientAndTheNextTryWorks() {
        sim.failNext(1, 503);
        SmsTransientException e = catchThrowableOfType(() -> gateway.send(sms(NUMBER)), SmsTransientException.class);
        assertThat(e.statusCode()).isEqualTo(503);
        assertThat(gateway.send(sms(NUMBER)).gatewayId()).isNotBlank();
    }

    @Test
    void tooManyRequestsIsTransient() {
        sim.failNext(1, 429);
        assertThatThrownBy(() -> gateway.send(sms(NUMBER))).isInstanceOf(SmsTransientException.class);
    }

    @Test
    void downIsTransientAndUpAgainWorks() {
        int port = sim.port();
        sim.goDown();
        SmsTransientException e = catchThrowableOfType(() -> gateway.send(sms(NUMBER)), SmsTransientException.class);
        assertThat(e.statusCode()).isZero();
        sim.comeUp();
        assertThat(sim.port()).isEqualTo(port);
        assertThat(gateway.send(sms(NUMBER)).gatewayId()).isNotBlank();
    }

    @Test
    void slowerThanTheRequestTimeoutIsTransient() {
        sim.setDelay(Duration.ofMillis(1500));
        long start = System.nanoTime();
        SmsTransientException e = catchThrowableOfType(
                () -> gateway(PASSWORD, Duration.ofMillis(300)).send(sms(NUMBER)), SmsTransientException.class);
        assertThat(e.statusCode()).isZero();
        assertThat(e.getMessage()).contains("in time");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1400));
    }

    @Test
    void refusedNumberIsRejectedWithoutTheNumberInTheReason() {
        sim.refuseNumbers(NUMBER::equals);
        SmsRejectedException e = catchThrowableOfType(() -> gateway.send(sms(NUMBER)), SmsRejectedException.class);

        assertThat(e.statusCode()).isEqualTo(400);
        assertThat(e.reason()).contains("refused").doesNotContain(NUMBER).doesNotContain("701234512");
        assertThat(e.getMessage()).doesNotContain("701234512").doesNotContain("videomöte");
    }

    @Test
    void numberNotInE164IsRejected() {
        SmsRejectedException e = catchThrowableOfType(() -> gateway.send(sms("0701234512")), SmsRejectedException.class);
        assertThat(e.statusCode()).isEqualTo(400);
        assertThat(e.reason()).isEqualTo("Invalid 'to' number");
    }

    @Test
    void messageToStringHidesNumberAndText() {
        assertThat(sms(NUMBER).toString()).doesNotContain("701234512").doesNotContain("videomöte").contains("N-1");
    }
}
