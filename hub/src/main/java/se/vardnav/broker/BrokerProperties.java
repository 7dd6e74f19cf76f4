package se.vardnav.broker;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;
import java.util.List;

/**
 * Where the hub's broker is. With {@code embedded=true} the hub starts a real Artemis broker with a
 * TCP acceptor and then connects to it over the network like any other client; with
 * {@code embedded=false} it connects to {@code url} with the given credentials.
 */
@Validated
@ConfigurationProperties("vardnav.broker")
public record BrokerProperties(
        boolean embedded,
        @NotBlank String acceptor,
        @NotBlank String dataDir,
        @NotBlank String url,
        String user,
        String password,
        /** NIO journal flush timer: the default 3.33 ms caps a synchronous producer near 300 msg/s (docs/architecture.md, "Stack notes"). */
        @Min(0) int journalBufferTimeoutNanos,
        /** Deliveries before the broker itself moves a message to its DLQ (a poison that crashes the consumer). */
        @Min(1) int maxDeliveryAttempts,
        @NotNull Duration redeliveryDelay,
        /** Duplicate-detection id cache per address. */
        int idCacheSize,
        /** Queues created at start, each with its dead-letter queue "DLQ.<queue>". */
        List<String> queues,
        @Min(1) int poolMaxConnections) {

    public static final String DLQ_PREFIX = "DLQ.";

    /** The one rule for naming a destination's dead-letter queue. */
    public static String deadLetterQueueOf(String queue) {
        return DLQ_PREFIX + queue;
    }
}
