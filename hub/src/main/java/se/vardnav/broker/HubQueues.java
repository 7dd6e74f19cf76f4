package se.vardnav.broker;

import org.springframework.beans.factory.ObjectProvider;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.stream.Stream;

/**
 * Queues a concern needs beyond the fixed list in {@code vardnav.broker.queues} (one per configured
 * mailbox operator, say). Each gets the same treatment: created at start with its own DLQ, redelivery
 * settings and a depth gauge.
 */
@FunctionalInterface
public interface HubQueues {

    List<String> queues();

    /** The fixed queues followed by every contributed one, each once. */
    static List<String> all(BrokerProperties props, ObjectProvider<HubQueues> contributed) {
        return List.copyOf(new LinkedHashSet<>(Stream.concat(props.queues().stream(),
                contributed.orderedStream().flatMap(q -> q.queues().stream())).toList()));
    }
}
