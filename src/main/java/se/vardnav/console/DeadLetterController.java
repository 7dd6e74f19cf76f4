package se.vardnav.console;

import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.springframework.http.HttpStatus;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import se.vardnav.booking.BookingHeaders;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Dead letters for monitoring staff: what is in a DLQ and why, and replay of one message to the
 * queue it came from. Payloads are never shown: they carry personal data.
 */
@RestController
@RequestMapping("/admin/dead-letters")
public class DeadLetterController {
    /** Set by the broker itself when it dead-letters after too many delivery attempts. */
    private static final String BROKER_ORIGIN = "_AMQ_ORIG_QUEUE";
    private final JmsTemplate jms;
    private final ConnectionFactory connectionFactory;

    public DeadLetterController(JmsTemplate jms, ConnectionFactory connectionFactory) {
        this.jms = jms;
        this.connectionFactory = connectionFactory;
    }

    @GetMapping("/{queue}")
    public List<Map<String, Object>> list(@PathVariable String queue) {
        requireDeadLetterQueue(queue);
        return jms.browse(queue, (Session session, QueueBrowser browser) -> {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (Message m : Collections.list((java.util.Enumeration<Message>) browser.getEnumeration())) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("messageId", m.getJMSMessageID());
                row.put("bookingId", m.getStringProperty(BookingHeaders.BOOKING_ID));
                row.put("reason", m.getStringProperty(DeadLetters.REASON));
                row.put("origin", originOf(m));
                row.put("at", m.getStringProperty(DeadLetters.AT));
                rows.add(row);
            }
            return rows;
        });
    }

    /** Moves one message back to its origin queue in one transaction: it is never in both, never in neither. */
    @PostMapping("/{queue}/{messageId}/replay")
    public Map<String, Object> replay(@PathVariable String queue, @PathVariable String messageId) {
        requireDeadLetterQueue(queue);
        String origin;
        try (Connection connection = connectionFactory.createConnection();
             Session session = connection.createSession(true, Session.SESSION_TRANSACTED)) {
            connection.start();
            origin = move(session, queue, messageId);
        } catch (JMSException e) {
            throw new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE, "broker: " + e.getMessage());
        }
        if (origin == null) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no message " + messageId + " in " + queue);
        }
        return Map.of("messageId", messageId, "replayedTo", origin);
    }

    private static String move(Session session, String queue, String messageId) throws JMSException {
        Queue dlq = session.createQueue(queue);
        try (MessageConsumer consumer = session.createConsumer(dlq, "JMSMessageID = '" + messageId.replace("'", "''") + "'")) {
            Message m = consumer.receive(2000);
            if (m == null) {
                return null;
            }
            String origin = originOf(m);
            if (origin == null) {
                session.rollback();
                throw new ResponseStatusException(HttpStatus.CONFLICT, "message " + messageId + " does not say where it came from");
            }
            Message copy = copyBody(session, m);
            for (String name : Collections.list((java.util.Enumeration<String>) m.getPropertyNames())) {
                if (!name.startsWith("vardnavDeadLetter") && !name.startsWith("_AMQ_")) {
                    copy.setObjectProperty(name, m.getObjectProperty(name));
                }
            }
            try (MessageProducer producer = session.createProducer(session.createQueue(origin))) {
                producer.send(copy);
            }
            session.commit();
            return origin;
        }
    }

    /** Text (FHIR events) or bytes (HL7 messages as they arrived, in their own character set). */
    private static Message copyBody(Session session, Message m) throws JMSException {
        if (m instanceof TextMessage text) {
            return session.createTextMessage(text.getText());
        }
        if (m instanceof BytesMessage bytes) {
            byte[] body = new byte[(int) bytes.getBodyLength()];
            bytes.readBytes(body);
            BytesMessage copy = session.createBytesMessage();
            copy.writeBytes(body);
            return copy;
        }
        session.rollback();
        throw new ResponseStatusException(HttpStatus.CONFLICT, "message " + m.getJMSMessageID() + " has a body type the replay does not know");
    }

    private static String originOf(Message m) throws JMSException {
        String origin = m.getStringProperty(DeadLetters.ORIGIN);
        return origin != null ? origin : m.getStringProperty(BROKER_ORIGIN);
    }

    private static void requireDeadLetterQueue(String queue) {
        if (!queue.startsWith(se.vardnav.broker.BrokerProperties.DLQ_PREFIX)) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "only dead-letter queues (DLQ.*) can be browsed here");
        }
    }
}
