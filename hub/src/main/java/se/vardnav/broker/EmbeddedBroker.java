package se.vardnav.broker;

import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.JournalType;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.settings.impl.AddressFullMessagePolicy;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;

/** A persistent ActiveMQ Artemis broker inside the hub, reachable only through its TCP acceptor. */
public class EmbeddedBroker implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedBroker.class);
    /** Where a message that expired would go (none is sent with a time to live today). */
    public static final String EXPIRY_QUEUE = "ExpiryQueue";
    private final EmbeddedActiveMQ server = new EmbeddedActiveMQ();

    public EmbeddedBroker(BrokerProperties props) throws Exception {
        this(props, props.queues());
    }

    /** @param queues every queue to create, each with its DLQ (the configured ones and those contributed by {@link HubQueues}) */
    public EmbeddedBroker(BrokerProperties props, java.util.List<String> queues) throws Exception {
        this(props, queues, config -> { });
    }

    /**
     * @param extra applied to the configuration before the broker starts: the HA policy and cluster connection of a
     *              primary/backup pair (tests' BrokerPair), the same queues and settings otherwise
     */
    public EmbeddedBroker(BrokerProperties props, java.util.List<String> queues,
                          java.util.function.Consumer<Configuration> extra) throws Exception {
        Path dir = Path.of(props.dataDir()).toAbsolutePath();
        Configuration config = new ConfigurationImpl()
                .setName("vardnav-embedded")
                .setPersistenceEnabled(true)
                .setSecurityEnabled(false)
                .setJournalType(JournalType.NIO)
                .setJournalBufferTimeout_NIO(props.journalBufferTimeoutNanos())
                // a durable send or a commit returns only once the journal is synced to disk (Artemis's defaults,
                // stated because the hub's ACK relies on them: see "Durability" in the README)
                .setJournalSyncNonTransactional(true)
                .setJournalSyncTransactional(true)
                .setJournalDatasync(true)
                .setJournalDirectory(dir.resolve("journal").toString())
                .setBindingsDirectory(dir.resolve("bindings").toString())
                .setLargeMessagesDirectory(dir.resolve("large-messages").toString())
                .setPagingDirectory(dir.resolve("paging").toString())
                .setIDCacheSize(props.idCacheSize())
                .setPersistIDCache(true)
                .setJMXManagementEnabled(false);
        // CORE only: 5672 (AMQP) belongs to another broker on the CI machine.
        config.addAcceptorConfiguration("netty", props.acceptor() + (props.acceptor().contains("?") ? "&" : "?") + "protocols=CORE");

        // Nothing is sent with a time to live, but a message that ever expires lands in one visible queue.
        config.addQueueConfiguration(QueueConfiguration.of(EXPIRY_QUEUE).setRoutingType(RoutingType.ANYCAST).setDurable(true));
        config.addAddressSetting(EXPIRY_QUEUE, terminal(EXPIRY_QUEUE));
        config.addAddressSetting("#", new AddressSettings()
                .setExpiryAddress(SimpleString.of(EXPIRY_QUEUE))
                .setMaxDeliveryAttempts(props.maxDeliveryAttempts())
                .setRedeliveryDelay(props.redeliveryDelay().toMillis())
                .setRedeliveryMultiplier(2.0)
                .setMaxRedeliveryDelay(60_000)
                .setAddressFullMessagePolicy(AddressFullMessagePolicy.PAGE)
                .setAutoCreateAddresses(true)
                .setAutoCreateQueues(true));
        for (String queue : queues) {
            String dlq = BrokerProperties.deadLetterQueueOf(queue);
            config.addQueueConfiguration(QueueConfiguration.of(queue).setRoutingType(RoutingType.ANYCAST).setDurable(true));
            config.addQueueConfiguration(QueueConfiguration.of(dlq).setRoutingType(RoutingType.ANYCAST).setDurable(true));
            config.addAddressSetting(queue, new AddressSettings()
                    .setDeadLetterAddress(SimpleString.of(dlq))
                    .setMaxDeliveryAttempts(props.maxDeliveryAttempts())
                    .setRedeliveryDelay(props.redeliveryDelay().toMillis())
                    .setRedeliveryMultiplier(2.0)
                    .setMaxRedeliveryDelay(60_000));
            config.addAddressSetting(dlq, terminal(dlq));
        }
        extra.accept(config);
        server.setConfiguration(config);
        server.start();
        log.info("Embedded Artemis broker started, acceptor {}, data in {}", props.acceptor(), dir);
    }

    /**
     * A queue where messages end: never moved on however often a consumer rolls back (a dead letter waits
     * for replay where it is), and its own dead-letter and expiry address, so Artemis does not warn at start.
     */
    private static AddressSettings terminal(String queue) {
        return new AddressSettings()
                .setMaxDeliveryAttempts(-1)
                .setDeadLetterAddress(SimpleString.of(queue))
                .setExpiryAddress(SimpleString.of(queue));
    }

    /** Messages waiting in a queue of this broker, or -1 if there is no such queue. */
    public long messageCount(String queue) {
        var q = server.getActiveMQServer().locateQueue(SimpleString.of(queue));
        return q == null ? -1 : q.getMessageCount();
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
