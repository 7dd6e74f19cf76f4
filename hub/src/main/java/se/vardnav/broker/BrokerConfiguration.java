package se.vardnav.broker;

import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.messaginghub.pooled.jms.JmsPoolConnectionFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class BrokerConfiguration {

    @Bean(destroyMethod = "close")
    @ConditionalOnProperty(name = "vardnav.broker.embedded", havingValue = "true", matchIfMissing = true)
    EmbeddedBroker embeddedBroker(BrokerProperties props, ObjectProvider<HubQueues> contributed) throws Exception {
        return new EmbeddedBroker(props, HubQueues.all(props, contributed));
    }

    /**
     * The hub is a network client of its broker, embedded or not. The embedded broker (if any) is
     * asked for first so it listens before anything connects.
     */
    @Bean(destroyMethod = "stop")
    JmsPoolConnectionFactory connectionFactory(BrokerProperties props, ObjectProvider<EmbeddedBroker> broker) {
        broker.ifAvailable(b -> { });
        ActiveMQConnectionFactory artemis = new ActiveMQConnectionFactory(props.url(), props.user(), props.password());
        // Block until the broker has the message on disk: an ACK to a sender must mean durable.
        artemis.setBlockOnDurableSend(true);
        // Each session keeps the queues it has looked up: without this every send asked the broker twice (the queue's
        // lookup, then its check) before sending, two blocking round trips per message; a reminder batch of 500 spent
        // most of its hand-off there (docs/benchmarks.md, issue 15). The hub's queues are declared at start.
        artemis.setCacheDestinations(true);
        JmsPoolConnectionFactory pool = new JmsPoolConnectionFactory();
        pool.setConnectionFactory(artemis);
        pool.setMaxConnections(props.poolMaxConnections());
        pool.setMaxSessionsPerConnection(500);
        return pool;
    }
}
