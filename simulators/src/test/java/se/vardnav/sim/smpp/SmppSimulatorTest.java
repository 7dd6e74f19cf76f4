package se.vardnav.sim.smpp;

import org.jsmpp.bean.Alphabet;
import org.jsmpp.bean.AlertNotification;
import org.jsmpp.bean.DataSm;
import org.jsmpp.bean.BindType;
import org.jsmpp.bean.DeliverSm;
import org.jsmpp.bean.DeliveryReceipt;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.GeneralDataCoding;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.NegativeResponseException;
import org.jsmpp.session.BindParameter;
import org.jsmpp.session.DataSmResult;
import org.jsmpp.session.MessageReceiverListener;
import org.jsmpp.session.SMPPSession;
import org.jsmpp.session.Session;
import org.jsmpp.session.SubmitSmResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The simulator through a plain jsmpp client, independent of camel-smpp. */
class SmppSimulatorTest {
    private SmppSimulator sim;
    private SMPPSession client;
    private final BlockingQueue<DeliverSm> delivered = new LinkedBlockingQueue<>();

    @BeforeEach
    void start() {
        sim = new SmppSimulator("hub", "secret", 0).start();
    }

    @AfterEach
    void stop() {
        if (client != null) {
            client.unbindAndClose();
        }
        sim.close();
    }

    private SMPPSession bind(String password) throws IOException {
        SMPPSession s = new SMPPSession();
        s.setMessageReceiverListener(new MessageReceiverListener() {
            @Override
            public void onAcceptDeliverSm(DeliverSm deliverSm) {
                delivered.add(deliverSm);
            }

            @Override
            public void onAcceptAlertNotification(AlertNotification alertNotification) {
            }

            @Override
            public DataSmResult onAcceptDataSm(DataSm dataSm, Session session) {
                return null;
            }
        });
        s.connectAndBind("127.0.0.1", sim.port(), new BindParameter(BindType.BIND_TRX, "hub", password, "vardnav",
                TypeOfNumber.UNKNOWN, NumberingPlanIndicator.UNKNOWN, null));
        return s;
    }

    private SubmitSmResult submit(byte[] text, Alphabet alphabet, int registered, OptionalParameter... tlvs)
            throws Exception {
        return client.submitShortMessage("", TypeOfNumber.ALPHANUMERIC, NumberingPlanIndicator.UNKNOWN, "Vardnav",
                TypeOfNumber.INTERNATIONAL, NumberingPlanIndicator.ISDN, "46700000001", new ESMClass(),
                (byte) 0, (byte) 1, null, null, new RegisteredDelivery(registered), (byte) 0,
                new GeneralDataCoding(alphabet), (byte) 0, text, tlvs);
    }

    @Test
    void bindsOnTheReportedLoopbackPortAndDecodesDefaultAlphabet() throws Exception {
        assertThat(sim.port()).isPositive();
        client = bind("secret");
        String id = submit("Hej Åsa, välkommen till Vårdcentralen Öst".getBytes(StandardCharsets.ISO_8859_1),
                Alphabet.ALPHA_DEFAULT, 0).getMessageId();

        await().until(() -> sim.received().size() == 1);
        SmppReceived r = sim.received().get(0);
        assertThat(r.text()).isEqualTo("Hej Åsa, välkommen till Vårdcentralen Öst");
        assertThat(r.messageIds()).containsExactly(id);
        assertThat(r.from()).isEqualTo("Vardnav");
        assertThat(r.to()).isEqualTo("46700000001");
        assertThat(r.dataCoding()).isZero();
        assertThat(r.segments()).isEqualTo(1);
        assertThat(r.receivedAt()).isNotNull();
        assertThat(delivered.poll(300, TimeUnit.MILLISECONDS)).as("no receipt unless asked").isNull();
    }

    @Test
    void readsMessagePayloadAsUcs2() throws Exception {
        client = bind("secret");
        byte[] text = "Påminnelse 😀".getBytes(StandardCharsets.UTF_16BE);
        submit(new byte[0], Alphabet.ALPHA_UCS2, 0,
                new OptionalParameter.OctetString(OptionalParameter.Tag.MESSAGE_PAYLOAD.code(), text));

        await().until(() -> sim.received().size() == 1);
        assertThat(sim.received().get(0).text()).isEqualTo("Påminnelse 😀");
        assertThat(sim.received().get(0).dataCoding()).isEqualTo(8);
    }

    @Test
    void sendsTheConfiguredReceiptOnTheTransceiverSession() throws Exception {
        client = bind("secret");
        sim.setReceiptStatus("UNDELIV");
        String id = submit("Hej".getBytes(StandardCharsets.ISO_8859_1), Alphabet.ALPHA_DEFAULT, 1).getMessageId();

        DeliverSm dsm = delivered.poll(5, TimeUnit.SECONDS);
        assertThat(dsm).isNotNull();
        assertThat(dsm.isSmscDeliveryReceipt()).isTrue();
        DeliveryReceipt receipt = dsm.getShortMessageAsDeliveryReceipt();
        assertThat(receipt.getId()).isEqualTo(id);
        assertThat(receipt.getFinalStatus().name()).isEqualTo("UNDELIV");
        assertThat(new String(dsm.getShortMessage(), StandardCharsets.US_ASCII))
                .matches("id:" + id + " sub:001 dlvrd:000 submit date:\\d{10} done date:\\d{10} stat:UNDELIV err:001 text:Hej");
    }

    @Test
    void wrongPasswordIsRefused() {
        assertThatThrownBy(() -> bind("wrong"))
                .isInstanceOf(IOException.class)
                .hasCauseInstanceOf(NegativeResponseException.class)
                .satisfies(e -> assertThat(((NegativeResponseException) e.getCause()).getCommandStatus()).isEqualTo(0x0E));
        assertThat(sim.boundSessions()).isZero();
    }

    @Test
    void failNextAnswersTheGivenStatusThenRecovers() throws Exception {
        client = bind("secret");
        sim.failNext(1, 0x58);
        assertThatThrownBy(() -> submit("a".getBytes(), Alphabet.ALPHA_DEFAULT, 0))
                .isInstanceOf(NegativeResponseException.class)
                .satisfies(e -> assertThat(((NegativeResponseException) e).getCommandStatus()).isEqualTo(0x58));
        submit("b".getBytes(), Alphabet.ALPHA_DEFAULT, 0);
        assertThat(sim.received()).extracting(SmppReceived::text).containsExactly("b");
    }

    @Test
    void delayHoldsTheResponse() throws Exception {
        client = bind("secret");
        sim.setDelay(Duration.ofMillis(400));
        long start = System.nanoTime();
        submit("x".getBytes(), Alphabet.ALPHA_DEFAULT, 0);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(400));
    }

    @Test
    void goesDownAndComesBackOnTheSamePort() throws Exception {
        client = bind("secret");
        int port = sim.port();
        sim.goDown();
        await().until(() -> !client.getSessionState().isBound());
        assertThatThrownBy(() -> bind("secret")).isInstanceOf(IOException.class);

        sim.comeUp();
        assertThat(sim.port()).isEqualTo(port);
        client = bind("secret");
        assertThat(sim.boundSessions()).isEqualTo(1);
        sim.reset();
        assertThat(sim.received()).isEmpty();
    }
}
