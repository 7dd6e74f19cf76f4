package se.vardnav.deadletter;

import jakarta.jms.JMSException;
import jakarta.jms.Queue;
import org.apache.camel.Exchange;
import org.apache.camel.component.jms.JmsEndpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.vardnav.broker.HubHeaders;
import se.vardnav.broker.BrokerProperties;
import se.vardnav.identity.SafeText;

import java.time.Clock;
import java.util.UUID;

/**
 * Marks a message on its way to a dead-letter queue with why, from where and when, so an operator
 * can read the reason and replay it to its origin; and records it in the dead letter's history under a trace id
 * the message keeps across replays ({@value #TRACE}).
 */
public class DeadLetters {
    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);
    private static final String REASON = HubHeaders.DEAD_LETTER_REASON;
    private static final String ORIGIN = HubHeaders.DEAD_LETTER_ORIGIN;
    private static final String AT = HubHeaders.DEAD_LETTER_AT;
    private static final String TARGET = HubHeaders.DEAD_LETTER_QUEUE;
    private static final String TRACE = HubHeaders.TRACE;
    private static final String ATTEMPTS = HubHeaders.DEAD_LETTER_ATTEMPTS;
    private static final int MAX_REASON = 500;
    private final Clock clock;
    private final DeadLetterHistory history;

    public DeadLetters(Clock clock) {
        this(clock, null);
    }

    public DeadLetters(Clock clock, DeadLetterHistory history) {
        this.clock = clock;
        this.history = history;
    }

    /** For a message whose processing failed: the reason is the exception, the origin the queue it was consumed from. */
    public void markFailed(Exchange exchange) {
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        markRefused(exchange, reasonOf(cause), originOf(exchange));
    }

    /**
     * Why a message failed, without quoting it. The hub's own exceptions say why in words of the hub (no message
     * content, by rule); a library's message may quote the input (a parser's "at [Source: ...]", a database's
     * "Value too long: '19121212...'"), so of those only the kind is kept, with the first cause of the hub's own.
     */
    static String reasonOf(Throwable cause) {
        if (cause == null) {
            return "unknown";
        }
        for (Throwable t = cause; t != null && t.getCause() != t; t = t.getCause()) {
            if (t.getClass().getName().startsWith("se.vardnav.")) {
                String own = t.getClass().getSimpleName() + ": " + t.getMessage();
                return t == cause ? own : cause.getClass().getSimpleName() + " (" + own + ")";
            }
        }
        return cause.getClass().getSimpleName() + " (its text is not kept: it may quote the message)";
    }

    /** For an inbound message that was refused before it reached a queue of the hub. */
    public void markRefused(Exchange exchange, String reason, String origin) {
        var msg = exchange.getMessage();
        // the broker would drop a second dead letter of the same message (after a replay) as a duplicate
        msg.removeHeader(HubHeaders.DUPLICATE_ID);
        // the second line: a reason is stored on the broker beside the message and shown to operators
        String scrubbed = SafeText.scrub(reason);
        String cut = scrubbed.length() > MAX_REASON ? scrubbed.substring(0, MAX_REASON) : scrubbed;
        msg.setHeader(REASON, cut);
        msg.setHeader(ORIGIN, origin);
        msg.setHeader(AT, clock.instant().toString());
        msg.setHeader(TARGET, BrokerProperties.deadLetterQueueOf(origin));
        String trace = msg.getHeader(TRACE, String.class);
        if (trace == null) {
            trace = UUID.randomUUID().toString();
            msg.setHeader(TRACE, trace);
        }
        Integer redeliveries = msg.getHeader(Exchange.REDELIVERY_COUNTER, Integer.class);
        Integer deliveries = msg.getHeader("JMSXDeliveryCount", Integer.class);
        int attempts = Math.max((redeliveries == null ? 0 : redeliveries) + 1, deliveries == null ? 1 : deliveries);
        msg.setHeader(ATTEMPTS, attempts);
        record(exchange, trace, origin, cut, attempts);
    }

    /** History is for people; a database hiccup must not keep a message from its dead-letter queue. */
    private void record(Exchange exchange, String trace, String origin, String reason, int attempts) {
        if (history == null) {
            return;
        }
        try {
            var msg = exchange.getMessage();
            Object body = msg.getBody();
            DeadLetterKeys keys = DeadLetterKeys.of(msg.getHeader(HubHeaders.BOOKING_ID, String.class),
                    msg.getHeader(HubHeaders.NOTICE_KEY, String.class), body instanceof String text ? text : null);
            history.dead(trace, BrokerProperties.deadLetterQueueOf(origin), origin, SafeText.scrub(reason), attempts, keys);
        } catch (RuntimeException e) {
            log.warn("Dead letter from {} not recorded in its history: {}", origin, e.getClass().getSimpleName());
        }
    }

    private static String originOf(Exchange exchange) {
        Object destination = exchange.getMessage().getHeader("JMSDestination");
        try {
            if (destination instanceof Queue queue) {
                return queue.getQueueName();
            }
        } catch (JMSException e) {
            // fall through to the endpoint
        }
        if (exchange.getFromEndpoint() instanceof JmsEndpoint jms) {
            return jms.getDestinationName();
        }
        return String.valueOf(exchange.getFromRouteId());
    }
}
