package se.vardnav.console.journey;

import java.time.Instant;
import java.util.List;

/**
 * One thing the hub did with a booking or letter, as the journey page shows it: a message key
 * {@code journey.<kind>} with its arguments (ids, statuses, reasons — never personal data).
 *
 * @param rank  the order of steps that share a time (received before written before told)
 * @param link  a console page about this step (a dead letter), or null
 */
public record JourneyEvent(Instant at, int rank, String subject, String kind, List<String> args, String link) {

    public JourneyEvent {
        args = args == null ? List.of() : args.stream().map(a -> a == null ? "" : a).toList();
    }

    public Object[] argArray() {
        return args.toArray();
    }
}
