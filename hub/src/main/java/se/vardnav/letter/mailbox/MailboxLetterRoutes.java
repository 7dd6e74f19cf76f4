package se.vardnav.letter.mailbox;

import se.vardnav.broker.HubHeaders;
import org.apache.camel.builder.RouteBuilder;
import se.vardnav.connector.mailbox.MailboxOperators;

/**
 * One consumer route per configured mailbox operator, on its own queue
 * {@code <vardnav.queue.mailbox-prefix><operator id>}: an operator that is down (its letters wait and
 * are retried by queue-consumer-errors) blocks no other operator.
 */
public class MailboxLetterRoutes extends RouteBuilder {
    public static final String ROUTE_PREFIX = "letter-mailbox-";
    private final MailboxOperators operators;
    private final String queuePrefix;
    private final int consumers;

    public MailboxLetterRoutes(MailboxOperators operators, String queuePrefix, int consumers) {
        this.operators = operators;
        this.queuePrefix = queuePrefix;
        this.consumers = consumers;
    }

    @Override
    public void configure() {
        for (String id : operators.ids()) {
            from("jms:queue:" + queuePrefix + id + "?transacted=true&concurrentConsumers=" + consumers)
                    .routeId(ROUTE_PREFIX + id)
                    .routeConfigurationId("queue-consumer-errors")
                    .setHeader(HubHeaders.LETTER_OPERATOR, constant(id))
                    .bean("mailboxLetterDelivery", "deliver");
        }
    }
}
