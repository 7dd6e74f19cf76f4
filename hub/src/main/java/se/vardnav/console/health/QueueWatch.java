package se.vardnav.console.health;

import jakarta.jms.JMSException;
import jakarta.jms.Message;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jms.core.JmsTemplate;
import se.vardnav.broker.EmbeddedBroker;

import java.time.Instant;
import java.util.Enumeration;
import java.util.Optional;

/**
 * How many messages wait on a queue and since when the oldest has waited. The depth comes from the embedded
 * broker (the same number as {@code vardnav_queue_depth}); with an external broker the queue is browsed, up to
 * {@value #BROWSE_LIMIT} messages. Messages a consumer holds (being retried) are not browsable: the routes'
 * in-flight exchanges cover those.
 */
public class QueueWatch {
    static final int BROWSE_LIMIT = 1000;
    private final JmsTemplate jms;
    private final ObjectProvider<EmbeddedBroker> broker;

    public QueueWatch(JmsTemplate jms, ObjectProvider<EmbeddedBroker> broker) {
        this.jms = jms;
        this.broker = broker;
    }

    /** Messages on the queue, or -1 when it cannot be told. */
    public long depth(String queue) {
        EmbeddedBroker b = broker.getIfAvailable();
        if (b != null) {
            return b.messageCount(queue);
        }
        try {
            Integer n = jms.browse(queue, (session, browser) -> {
                int count = 0;
                for (Enumeration<?> e = browser.getEnumeration(); e.hasMoreElements() && count < BROWSE_LIMIT; e.nextElement()) {
                    count++;
                }
                return count;
            });
            return n == null ? -1 : n;
        } catch (RuntimeException e) {
            return -1;
        }
    }

    /** When the message at the head of the queue was sent, if there is one. */
    public Optional<Instant> oldest(String queue) {
        try {
            return Optional.ofNullable(jms.browse(queue, (session, browser) -> {
                Enumeration<?> e = browser.getEnumeration();
                return e.hasMoreElements() ? timestamp((Message) e.nextElement()) : null;
            }));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static Instant timestamp(Message m) throws JMSException {
        long t = m.getJMSTimestamp();
        return t <= 0 ? null : Instant.ofEpochMilli(t);
    }
}
