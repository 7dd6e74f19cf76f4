package se.vardnav.connector.sms.smpp;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import se.vardnav.sim.smpp.SmppReceived;
import se.vardnav.sim.smpp.SmppSimulator;

import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** camel-smpp against the simulator over real sockets, in a plain Camel context. */
class SmppCamelTest {
    private static final SmppCamel.Reconnect FAST = new SmppCamel.Reconnect(100, 100, 2);
    private SmppSimulator sim;
    private CamelContext camel;
    private ProducerTemplate template;
    private final BlockingQueue<SmppReceipt> receipts = new LinkedBlockingQueue<>();

    @BeforeEach
    void start() throws Exception {
        sim = new SmppSimulator("hub", "s3cr&t+", 0).start();
        camel = context(new SmppCamel.Account("127.0.0.1", sim.port(), "hub", "s3cr&t+", "vardnav", FAST));
        camel.start();
        template = camel.createProducerTemplate();
    }

    @AfterEach
    void stop() {
        camel.stop();
        sim.close();
    }

    private CamelContext context(SmppCamel.Account account) throws Exception {
        CamelContext ctx = new DefaultCamelContext();
        ctx.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:sms").to(SmppCamel.producerUri(account, SmppCamel.RECEIPT_ROUTE_ID));
                from(SmppCamel.consumerUri(account)).routeId(SmppCamel.RECEIPT_ROUTE_ID)
                        .process(e -> SmppCamel.receipt(e.getMessage()).ifPresent(receipts::add));
            }
        });
        return ctx;
    }

    private Exchange send(String text, boolean unicode) {
        SmppSubmit submit = new SmppSubmit("bk-1", "Vardnav", "+46700000001", text, unicode);
        return template.send("direct:sms", e -> SmppCamel.applyTo(e.getMessage(), submit));
    }

    private SmppReceived onlyReceived() {
        await().until(() -> sim.received().size() == 1);
        return sim.received().get(0);
    }

    @Test
    void swedishTextGoesAsDefaultAlphabet() {
        String text = "Hej! Din tid på Vårdcentralen Öster är ändrad.";
        Exchange sent = send(text, false);
        assertThat(sent.getException()).isNull();

        SmppReceived r = onlyReceived();
        assertThat(r.text()).isEqualTo(text);
        assertThat(r.dataCoding()).isZero();
        assertThat(r.from()).isEqualTo("Vardnav");
        assertThat(r.to()).isEqualTo("46700000001");
        assertThat(sent.getMessage().getHeader("CamelSmppId", List.class)).isEqualTo(r.messageIds());
    }

    @Test
    void emojiTextGoesAsUcs2() {
        String text = "Välkommen 😀";
        assertThat(send(text, false).getException()).isNull();
        SmppReceived r = onlyReceived();
        assertThat(r.text()).isEqualTo(text);
        assertThat(r.dataCoding()).isEqualTo(8);
    }

    @Test
    void longGsmTextIsSplitAndReassembled() {
        String text = "Påminnelse: ".repeat(17).substring(0, 200);
        Exchange sent = send(text, false);
        assertThat(sent.getMessage().getHeader("CamelSmppSentMessageCount", Integer.class)).isEqualTo(2);

        SmppReceived r = onlyReceived();
        assertThat(r.segments()).isEqualTo(2);
        assertThat(r.text()).isEqualTo(text);
        assertThat(r.messageIds()).hasSize(2);
    }

    @Test
    void deliveryReceiptReachesTheReceiptRoute() throws Exception {
        Exchange sent = send("Hej", false);
        String id = (String) sent.getMessage().getHeader("CamelSmppId", List.class).get(0);

        SmppReceipt receipt = receipts.poll(10, TimeUnit.SECONDS);
        assertThat(receipt).isNotNull();
        assertThat(receipt.messageId()).isEqualTo(id);
        assertThat(receipt.stat()).isEqualTo("DELIVRD");
        assertThat(receipt.outcome()).isEqualTo(SmppStatus.Outcome.DELIVERED);
    }

    @Test
    void undeliveredReceiptMapsToFailed() throws Exception {
        sim.setReceiptStatus("UNDELIV");
        send("Hej", false);
        SmppReceipt receipt = receipts.poll(10, TimeUnit.SECONDS);
        assertThat(receipt).isNotNull();
        assertThat(receipt.outcome()).isEqualTo(SmppStatus.Outcome.FAILED);
    }

    @Test
    void throttlingIsTransientAndBadDestinationIsPermanent() {
        sim.failNext(1, SmppStatus.ESME_RTHROTTLED);
        Exception throttled = send("Hej", false).getException();
        assertThat(throttled).isNotNull();
        assertThat(SmppStatus.commandStatusOf(throttled)).hasValue(0x58);
        assertThat(SmppStatus.isTransient(throttled)).isTrue();

        sim.failNext(1, SmppStatus.ESME_RINVDSTADR);
        assertThat(SmppStatus.isTransient(send("Hej", false).getException())).isFalse();

        assertThat(send("Hej", false).getException()).as("the session survives rejections").isNull();
        assertThat(sim.received()).hasSize(1);
    }

    @Test
    void wrongPasswordFailsTheBind() throws Exception {
        CamelContext wrong = context(new SmppCamel.Account("127.0.0.1", sim.port(), "hub", "nope", "vardnav", FAST));
        try {
            assertThatThrownBy(wrong::start)
                    .satisfies(e -> assertThat(SmppStatus.commandStatusOf(e)).hasValue(0x0E))
                    .satisfies(e -> assertThat(SmppStatus.isTransient(e)).isFalse());
        } finally {
            wrong.stop();
        }
    }
}
