package se.vardnav.console;

import jakarta.jms.JMSException;
import jakarta.jms.Queue;
import org.apache.camel.Exchange;
import org.apache.camel.component.jms.JmsEndpoint;
import se.vardnav.booking.BookingHeaders;
import se.vardnav.broker.BrokerProperties;

import java.time.Clock;

/**
 * Marks a message on its way to a dead-letter queue with why, from where and when, so an operator
 * can read the reason and replay it to its origin.
 */
public class DeadLetters {
    public static final String REASON = "vardnavDeadLetterReason";
    public static final String ORIGIN = "vardnavDeadLetterOrigin";
    public static final String AT = "vardnavDeadLetterAt";
    /** Where the DLQ route sends it: DLQ.<origin>. */
    public static final String TARGET = "vardnavDeadLetterQueue";
    private static final int MAX_REASON = 500;
    private final Clock clock;

    public DeadLetters(Clock clock) {
        this.clock = clock;
    }

    /** For a message whose processing failed: the reason is the exception, the origin the queue it was consumed from. */
    public void markFailed(Exchange exchange) {
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        String reason = cause == null ? "unknown" : cause.getClass().getSimpleName() + ": " + cause.getMessage();
        markRefused(exchange, reason, originOf(exchange));
    }

    /** For an inbound message that was refused before it reached a queue of the hub. */
    public void markRefused(Exchange exchange, String reason, String origin) {
        var msg = exchange.getMessage();
        // the broker would drop a second dead letter of the same message (after a replay) as a duplicate
        msg.removeHeader(BookingHeaders.DUPLICATE_ID);
        msg.setHeader(REASON, reason.length() > MAX_REASON ? reason.substring(0, MAX_REASON) : reason);
        msg.setHeader(ORIGIN, origin);
        msg.setHeader(AT, clock.instant().toString());
        msg.setHeader(TARGET, BrokerProperties.deadLetterQueueOf(origin));
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
