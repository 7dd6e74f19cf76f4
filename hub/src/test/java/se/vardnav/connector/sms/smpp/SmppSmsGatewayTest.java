package se.vardnav.connector.sms.smpp;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.smpp.NoDelaySmppProducer;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import se.vardnav.connector.sms.SmsAccepted;
import se.vardnav.connector.sms.SmsGatewayFaultException;
import se.vardnav.connector.sms.SmsMessage;
import se.vardnav.connector.sms.SmsRejectedException;
import se.vardnav.connector.sms.SmsTransientException;
import se.vardnav.sim.smpp.SmppReceived;
import se.vardnav.sim.smpp.SmppSimulator;

import java.net.Socket;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The hub's SMPP gateway (its own camel-smpp producer, TCP_NODELAY) against the simulator over real sockets. */
class SmppSmsGatewayTest {
    private static final SmppCamel.Reconnect FAST = new SmppCamel.Reconnect(100, 100, 2);
    private SmppSimulator sim;
    private CamelContext camel;
    private SmppSmsGateway gateway;
    private final BlockingQueue<SmppReceipt> receipts = new LinkedBlockingQueue<>();

    @BeforeEach
    void start() throws Exception {
        sim = new SmppSimulator("hub", "s3cret", 0).start();
        SmppCamel.Account account = new SmppCamel.Account("127.0.0.1", sim.port(), "hub", "s3cret", "vardnav", FAST);
        camel = new DefaultCamelContext();
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(SmppCamel.consumerUri(account)).routeId(SmppCamel.RECEIPT_ROUTE_ID)
                        .process(e -> SmppCamel.receipt(e.getMessage()).ifPresent(receipts::add));
            }
        });
        camel.start();
        gateway = SmppSmsGateway.start(camel, SmppCamel.producerUri(account, SmppCamel.RECEIPT_ROUTE_ID) + "&lazySessionCreation=true");
    }

    @AfterEach
    void stop() {
        camel.stop();
        sim.close();
    }

    private static SmsMessage sms(String key, String to) {
        return new SmsMessage(key, "Vardnav", to, "Hej! Din tid på Vårdcentralen Öster är i morgon.", false);
    }

    @Test
    void theSmscSocketSendsSmallPdusAtOnce() throws Exception {
        try (Socket socket = new NoDelaySmppProducer.NoDelayConnections(false, 2_000).open("127.0.0.1", sim.port())) {
            assertThat(socket.getTcpNoDelay()).isTrue();
        }
    }

    @Test
    void anAcceptedSmsCarriesTheSmscIdAndItsReceiptComesBack() throws Exception {
        SmsAccepted accepted = gateway.send(sms("bk-1", "+46700000001"));

        await().until(() -> sim.receivedCount() == 1);
        SmppReceived r = sim.received().get(0);
        assertThat(r.to()).isEqualTo("46700000001");
        assertThat(r.text()).isEqualTo("Hej! Din tid på Vårdcentralen Öster är i morgon.");
        assertThat(accepted.gatewayId()).isEqualTo(r.messageIds().get(0));
        SmppReceipt receipt = receipts.poll(10, TimeUnit.SECONDS);
        assertThat(receipt).isNotNull();
        assertThat(receipt.messageId()).isEqualTo(accepted.gatewayId());
        assertThat(receipt.outcome()).isEqualTo(SmppStatus.Outcome.DELIVERED);
    }

    @Test
    void manyCallersShareTheBindAndEachSmsArrivesOnce() throws Exception {
        ExecutorService callers = Executors.newFixedThreadPool(8);
        Set<String> ids = ConcurrentHashMap.newKeySet();
        try {
            List<java.util.concurrent.Future<?>> sends = IntStream.range(0, 200)
                    .mapToObj(i -> callers.submit(() -> ids.add(gateway.send(sms("bk-" + i, String.format("+467%08d", i))).gatewayId())))
                    .<java.util.concurrent.Future<?>>map(f -> f).toList();
            for (var f : sends) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            callers.shutdownNow();
        }
        assertThat(ids).hasSize(200);
        await().until(() -> sim.receivedCount() == 200);
        assertThat(sim.received().stream().map(SmppReceived::to).distinct()).hasSize(200);
        assertThat(sim.boundSessions()).as("one transceiver for the producer, one receiver for the route").isEqualTo(2);
    }

    @Test
    void throttlingIsTransientABadDestinationIsRejectedAndTheBindSurvives() {
        sim.failNext(1, SmppStatus.ESME_RTHROTTLED);
        assertThatThrownBy(() -> gateway.send(sms("bk-1", "+46700000001"))).isInstanceOf(SmsTransientException.class);

        sim.failNext(1, SmppStatus.ESME_RINVDSTADR);
        assertThatThrownBy(() -> gateway.send(sms("bk-2", "+46700000002"))).isInstanceOf(SmsRejectedException.class);

        gateway.send(sms("bk-3", "+46700000003"));
        await().until(() -> sim.receivedCount() == 1);
    }

    @Test
    void anSmscThatIsDownIsTransient() {
        sim.goDown();
        assertThatThrownBy(() -> gateway.send(sms("bk-1", "+46700000001"))).isInstanceOf(SmsTransientException.class);
    }

    @Test
    void aRefusedBindIsAGatewayFaultNotTheMessages() {
        SmppCamel.Account wrong = new SmppCamel.Account("127.0.0.1", sim.port(), "hub", "wrong", "vardnav", FAST);
        SmppSmsGateway misconfigured = SmppSmsGateway.start(camel, SmppCamel.producerUri(wrong, null) + "&lazySessionCreation=true");
        assertThatThrownBy(() -> misconfigured.send(sms("bk-1", "+46700000001"))).isInstanceOf(SmsGatewayFaultException.class);
        assertThat(sim.receivedCount()).isZero();
    }
}
