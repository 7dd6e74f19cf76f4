package se.vardnav.notification;

import org.junit.jupiter.api.AfterAll;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import se.vardnav.sim.smpp.SmppSimulator;

import java.util.List;

/** The same SMS delivery suite over SMPP (camel-smpp against the jsmpp SMSC simulator). */
class SmppSmsDeliveryIT extends SmsDeliverySuite {
    private static final SmppSimulator smsc = new SmppSimulator("hub-smpp", "s3cret", 0).start();

    @DynamicPropertySource
    static void smpp(DynamicPropertyRegistry r) {
        r.add("vardnav.sms.protocol", () -> "smpp");
        r.add("vardnav.sms.smpp.port", smsc::port);
        r.add("vardnav.sms.smpp.reconnect-delay-ms", () -> 200);
        r.add("vardnav.sms.smpp.system-id", () -> "hub-smpp");
        r.add("vardnav.sms.smpp.password", () -> "s3cret");
    }

    @AfterAll
    static void stopSmsc() {
        smsc.close();
    }

    @Override
    protected String protocol() {
        return "smpp";
    }

    @Override
    protected List<Sent> received() {
        return smsc.received().stream().map(r -> new Sent(r.to(), r.text())).toList();
    }

    @Override
    protected void gatewayDown() {
        smsc.goDown();
    }

    @Override
    protected void gatewayUp() {
        smsc.comeUp();
    }
}
