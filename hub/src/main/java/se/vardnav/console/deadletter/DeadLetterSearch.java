package se.vardnav.console.deadletter;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * What staff search dead letters by: a business key (booking id, letter id or SMS key), words of the reason, the
 * queue, and the age (older than / younger than). Every part is optional.
 */
public record DeadLetterSearch(String key, String reason, String queue, Duration olderThan, Duration youngerThan) {
    public static final DeadLetterSearch ALL = new DeadLetterSearch(null, null, null, null, null);

    public DeadLetterSearch {
        key = blankToNull(key);
        reason = blankToNull(reason);
        queue = blankToNull(queue);
    }

    public boolean matches(DeadLetter d, Instant now) {
        if (queue != null && !queue.equals(d.queue()) && !queue.equals(d.origin())) {
            return false;
        }
        if (key != null && !d.keys().matches(key)) {
            return false;
        }
        if (reason != null && (d.reason() == null || !d.reason().toLowerCase(Locale.ROOT).contains(reason.toLowerCase(Locale.ROOT)))) {
            return false;
        }
        Duration age = d.age(now);
        if (olderThan != null && age.compareTo(olderThan) < 0) {
            return false;
        }
        return youngerThan == null || age.compareTo(youngerThan) <= 0;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
