package se.vardnav.broker;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Queue depth of every hub queue and its DLQ as a gauge ({@code vardnav.queue.depth{queue}}), so
 * monitoring can alert on a growing backlog or a non-empty DLQ. Embedded broker only: an external
 * broker exports its own metrics (Artemis's Prometheus plugin).
 */
@Configuration(proxyBeanMethods = false)
public class QueueDepthMetrics {

    @Bean
    Object queueDepthGauges(BrokerProperties props, ObjectProvider<HubQueues> contributed, ObjectProvider<EmbeddedBroker> broker,
                            MeterRegistry meters) {
        broker.ifAvailable(b -> {
            for (String queue : HubQueues.all(props, contributed)) {
                for (String name : new String[] {queue, BrokerProperties.deadLetterQueueOf(queue)}) {
                    Gauge.builder("vardnav.queue.depth", b, eb -> eb.messageCount(name))
                            .tag("queue", name).description("messages waiting").register(meters);
                }
            }
        });
        return new Object();
    }
}
