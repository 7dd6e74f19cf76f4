package se.vardnav.routes;

import org.apache.activemq.artemis.jms.client.ActiveMQQueue;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.apache.camel.test.spring.junit5.UseAdviceWith;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import se.vardnav.support.HubTestBase;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Route contracts: the hub's own routes from {@code routes/*.yaml} and its real beans, with every queue the
 * routes send to (and SMTP) replaced by a mock endpoint that takes the message instead ({@code mock:jms:queue:<name>},
 * {@code mock:smtp:...}), and every timer by {@code direct:contract-<route id>}, so a test drives one route and
 * sees exactly what it sends, with which headers, and where a failure goes. Consumers of hub queues stay on the
 * real broker: a test puts its message on the queue ({@link #onQueue}, a URI the mocks do not catch) and the route
 * takes it as in production, transaction and error handler included. One context for all contract tests; peers
 * behind Java clients are HubTestBase's simulators.
 */
@CamelSpringBootTest
@UseAdviceWith
public abstract class RouteContractTestBase extends HubTestBase {
    private static final Set<CamelContext> ADVISED = Collections.newSetFromMap(new IdentityHashMap<>());
    /** What the mocks replace: every send to a queue (also toD) and to SMTP. */
    private static final String[] MOCKED = {"jms:queue:*", "smtp*"};

    @Autowired
    protected CamelContext camel;
    @Autowired
    protected ProducerTemplate producer;
    @Autowired
    protected se.vardnav.privacy.DataCipher cipher;

    /** The body a queue received, opened: queue bodies with content are sealed (personal data at rest). */
    protected String opened(MockEndpoint endpoint, int index) {
        String body = endpoint.getReceivedExchanges().get(index).getMessage().getBody(String.class);
        org.assertj.core.api.Assertions.assertThat(body).as("sealed on the queue").startsWith("vn1.");
        return cipher.open(body);
    }

    @DynamicPropertySource
    static void contractProperties(DynamicPropertyRegistry r) {
        // a transient failure is retried once, then dead-lettered: the dead-letter path shows without waiting for ever
        r.add("vardnav.retry.max-redeliveries", () -> "1");
        r.add("vardnav.retry.initial-delay", () -> "10");
        r.add("vardnav.retry.max-delay", () -> "10");
    }

    @BeforeEach
    void adviseOnce() throws Exception {
        synchronized (ADVISED) {
            if (ADVISED.add(camel)) {
                List<RouteDefinition> routes = List.copyOf(((ModelCamelContext) camel).getRouteDefinitions());
                for (RouteDefinition route : routes) {
                    if (route.getInput().getEndpointUri().startsWith("timer:")) {
                        AdviceWith.adviceWith(camel, route.getRouteId(), a -> a.replaceFromWith("direct:contract-" + route.getRouteId()));
                    }
                }
                AdviceWith.adviceWith(camel, routes.get(0).getRouteId(), a -> a.mockEndpointsAndSkip(MOCKED));
                camel.start();
            }
        }
        MockEndpoint.resetMocks(camel);
    }

    /** The mock standing in for a queue (what routes send there is taken here instead). */
    protected MockEndpoint queue(String name) {
        return camel.getEndpoint("mock:jms:queue:" + name, MockEndpoint.class);
    }

    /**
     * The mock standing in for every dead-letter queue (the dead-letter route's toD to {@code DLQ.<origin>}):
     * header {@code vardnavDeadLetterQueue} says which.
     */
    protected MockEndpoint deadLetters() {
        return camel.getEndpoint("mock:jms:queue:$%7Bheader.vardnavDeadLetterQueue%7D", MockEndpoint.class);
    }

    /** A message put on a hub queue for real, as its consumer route would get it (the mocks do not catch this URI). */
    protected void onQueue(String name, Object body, Map<String, Object> headers) {
        producer.sendBodyAndHeaders("jms:" + name + "?exchangePattern=InOnly", body, headers);
    }

    /** The first mock whose URI starts so (SMTP's carries host, port and options from configuration). */
    protected MockEndpoint mock(String uriPrefix) {
        return camel.getEndpoints().stream().filter(e -> e instanceof MockEndpoint && e.getEndpointUri().startsWith(uriPrefix))
                .map(MockEndpoint.class::cast).findFirst().orElseThrow(() -> new AssertionError("no mock " + uriPrefix));
    }

    /**
     * What a route sent to a mocked queue, put on the next queue for real, with the headers that travel as JMS
     * properties (the hub's own, the group and the duplicate id): the next route's contract starts from the
     * previous one's output.
     */
    protected void relay(org.apache.camel.Exchange sent, String toQueue) {
        Map<String, Object> headers = new java.util.HashMap<>();
        sent.getMessage().getHeaders().forEach((k, v) -> {
            if (k.startsWith("vardnav") || k.startsWith("JMSX") || k.startsWith("_AMQ")) {
                headers.put(k, v);
            }
        });
        onQueue(toQueue, sent.getMessage().getBody(String.class), headers);
    }

    /** Once the route has finished with the given number of exchanges (instead of waiting a fixed time). */
    protected NotifyBuilder done(String routeId, int exchanges) {
        return new NotifyBuilder(camel).fromRoute(routeId).whenDone(exchanges).create();
    }

    protected static void assertDone(NotifyBuilder notify) {
        assertThat(notify.matches(20, TimeUnit.SECONDS)).as("route finished").isTrue();
    }

    /** The JMS destination header a consumed message carries (what the dead-letter step reads its origin from). */
    protected static ActiveMQQueue destination(String queue) {
        return new ActiveMQQueue(queue);
    }
}
