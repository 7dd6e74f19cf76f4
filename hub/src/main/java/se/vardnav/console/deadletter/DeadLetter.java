package se.vardnav.console.deadletter;

import se.vardnav.deadletter.DeadLetterKeys;
import java.time.Duration;
import java.time.Instant;

/**
 * A message waiting in a dead-letter queue, as staff see it: where it came from, why it is here, its business keys.
 * Never its content.
 *
 * @param deadAt   when it was dead-lettered (or sent, if the broker dead-lettered it)
 * @param attempts how often it was tried before it was given up (1 for a refusal)
 * @param traceId  ties this message to its earlier dead-letterings and replays
 */
public record DeadLetter(String queue, String messageId, String origin, String reason, Instant deadAt, int attempts,
                         DeadLetterKeys keys, String traceId) {

    public Duration age(Instant now) {
        return deadAt == null ? Duration.ZERO : Duration.between(deadAt, now);
    }
}
