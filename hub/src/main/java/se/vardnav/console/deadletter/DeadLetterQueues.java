package se.vardnav.console.deadletter;

import se.vardnav.deadletter.DeadLetterKeys;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.springframework.jms.core.JmsTemplate;
import se.vardnav.broker.HubHeaders;
import se.vardnav.broker.BrokerProperties;
import se.vardnav.identity.SafeText;
import se.vardnav.deadletter.DeadLetters;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The hub's dead-letter queues for people: every {@code DLQ.<queue>} searched at once, and a message moved back to
 * the queue it came from (replay) or dropped (discard), each in one broker transaction: a message is never in both
 * places, never in neither. Payloads are never read beyond their identifiers.
 */
public class DeadLetterQueues {
    /** Set by the broker itself when it dead-letters after too many delivery attempts. */
    static final String BROKER_ORIGIN = "_AMQ_ORIG_QUEUE";
    static final int BROWSE_LIMIT = 1000;
    private final JmsTemplate jms;
    private final ConnectionFactory connectionFactory;
    private final Supplier<List<String>> hubQueues;
    private final Clock clock;

    public DeadLetterQueues(JmsTemplate jms, ConnectionFactory connectionFactory, Supplier<List<String>> hubQueues, Clock clock) {
        this.jms = jms;
        this.connectionFactory = connectionFactory;
        this.hubQueues = hubQueues;
        this.clock = clock;
    }

    /** Every dead-letter queue of the hub. */
    public List<String> queues() {
        return hubQueues.get().stream().map(BrokerProperties::deadLetterQueueOf).toList();
    }

    public static boolean isDeadLetterQueue(String queue) {
        return queue != null && queue.startsWith(BrokerProperties.DLQ_PREFIX);
    }

    /** The dead letters that match, newest first. */
    public List<DeadLetter> search(DeadLetterSearch search) {
        Instant now = clock.instant();
        List<DeadLetter> found = new ArrayList<>();
        List<String> queues = search.queue() != null && isDeadLetterQueue(search.queue()) ? List.of(search.queue()) : queues();
        for (String q : queues) {
            browse(q).stream().filter(d -> search.matches(d, now)).forEach(found::add);
        }
        found.sort(Comparator.comparing(DeadLetter::deadAt, Comparator.nullsLast(Comparator.reverseOrder())));
        return found;
    }

    public Optional<DeadLetter> find(String queue, String messageId) {
        requireDeadLetterQueue(queue);
        return browse(queue).stream().filter(d -> d.messageId().equals(messageId)).findFirst();
    }

    /** The messages of one DLQ (at most {@value #BROWSE_LIMIT}), in queue order. */
    public List<DeadLetter> browse(String queue) {
        requireDeadLetterQueue(queue);
        List<DeadLetter> rows = jms.browse(queue, (session, browser) -> {
            List<DeadLetter> list = new ArrayList<>();
            Enumeration<?> e = browser.getEnumeration();
            while (e.hasMoreElements() && list.size() < BROWSE_LIMIT) {
                list.add(deadLetter(queue, (Message) e.nextElement()));
            }
            return list;
        });
        return rows == null ? List.of() : rows;
    }

    /** Moves the message back to its origin queue; returns the origin. */
    public String replay(String queue, String messageId) {
        return inTransaction(queue, messageId, (session, m) -> {
            String origin = originOf(m);
            if (origin == null) {
                throw new IllegalStateException("message " + messageId + " does not say where it came from");
            }
            Message copy = copyOf(session, m);
            for (String name : Collections.list((Enumeration<String>) m.getPropertyNames())) {
                if (!name.startsWith("vardnavDeadLetter") && !name.startsWith("_AMQ_")) {
                    copy.setObjectProperty(name, m.getObjectProperty(name));
                }
            }
            try (MessageProducer producer = session.createProducer(session.createQueue(origin))) {
                producer.send(copy);
            }
            return origin;
        });
    }

    /** Removes the message for good; returns its trace id (null if it had none). */
    public String discard(String queue, String messageId) {
        return inTransaction(queue, messageId, (session, m) -> m.getStringProperty(HubHeaders.TRACE));
    }

    private interface Step {
        String apply(Session session, Message message) throws JMSException;
    }

    private String inTransaction(String queue, String messageId, Step step) {
        requireDeadLetterQueue(queue);
        try (Connection connection = connectionFactory.createConnection();
             Session session = connection.createSession(true, Session.SESSION_TRANSACTED)) {
            connection.start();
            try (MessageConsumer consumer = session.createConsumer(session.createQueue(queue),
                    "JMSMessageID = '" + messageId.replace("'", "''") + "'")) {
                Message m = consumer.receive(2000);
                if (m == null) {
                    throw new DeadLetterNotFound(queue, messageId);
                }
                try {
                    String result = step.apply(session, m);
                    session.commit();
                    return result;
                } catch (RuntimeException | JMSException e) {
                    session.rollback();
                    throw e;
                }
            }
        } catch (JMSException e) {
            throw new IllegalStateException("broker: " + e.getMessage(), e);
        }
    }

    private static Message copyOf(Session session, Message m) throws JMSException {
        if (m instanceof TextMessage text) {
            return session.createTextMessage(text.getText());
        }
        if (m instanceof jakarta.jms.BytesMessage bytes) {
            byte[] body = new byte[(int) bytes.getBodyLength()];
            bytes.readBytes(body);
            jakarta.jms.BytesMessage copy = session.createBytesMessage();
            copy.writeBytes(body);
            return copy;
        }
        throw new IllegalStateException("message " + m.getJMSMessageID() + " is neither text nor bytes; replay it with the broker's tools");
    }

    private DeadLetter deadLetter(String queue, Message m) throws JMSException {
        String at = m.getStringProperty(HubHeaders.DEAD_LETTER_AT);
        Instant deadAt;
        try {
            deadAt = at != null ? Instant.parse(at) : Instant.ofEpochMilli(m.getJMSTimestamp());
        } catch (RuntimeException e) {
            deadAt = Instant.ofEpochMilli(m.getJMSTimestamp());
        }
        String reason = m.getStringProperty(HubHeaders.DEAD_LETTER_REASON);
        if (reason == null && m.getStringProperty(BROKER_ORIGIN) != null) {
            reason = "dead-lettered by the broker after " + m.getIntProperty("JMSXDeliveryCount") + " deliveries";
        }
        String body = m instanceof TextMessage t ? t.getText() : null;
        DeadLetterKeys keys = DeadLetterKeys.of(m.getStringProperty(HubHeaders.BOOKING_ID),
                m.getStringProperty(HubHeaders.NOTICE_KEY), body);
        int attempts = m.propertyExists(HubHeaders.DEAD_LETTER_ATTEMPTS) ? m.getIntProperty(HubHeaders.DEAD_LETTER_ATTEMPTS)
                : m.propertyExists("JMSXDeliveryCount") ? Math.max(1, m.getIntProperty("JMSXDeliveryCount")) : 1;
        return new DeadLetter(queue, m.getJMSMessageID(), originOf(m), SafeText.scrub(reason), deadAt, attempts, keys,
                m.getStringProperty(HubHeaders.TRACE));
    }

    static String originOf(Message m) throws JMSException {
        String origin = m.getStringProperty(HubHeaders.DEAD_LETTER_ORIGIN);
        return origin != null ? origin : m.getStringProperty(BROKER_ORIGIN);
    }

    static void requireDeadLetterQueue(String queue) {
        if (!isDeadLetterQueue(queue)) {
            throw new IllegalArgumentException("only dead-letter queues (DLQ.*) can be browsed here");
        }
    }
}
