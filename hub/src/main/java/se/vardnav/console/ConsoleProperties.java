package se.vardnav.console;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;
import java.util.List;

/**
 * The operations console ({@code /console}): what it shows as flows and peers, and when a tile turns
 * amber or red. Flows and peers are configuration, so a new flow (visits) or peer is one entry in
 * {@code application.yml}; mailbox operators are added as peers from {@code vardnav.mailbox.operators}.
 *
 * @param redAfter     a peer failing longer than this is red (failing) with its last error; shorter, it is waiting on retry
 * @param slowAfter    a flow whose oldest waiting message is older than this is slow
 * @param slowCall     a peer whose calls took longer than this on average over 5 minutes is slow
 * @param refresh      how often the overview refreshes itself
 */
@ConfigurationProperties("vardnav.console")
public record ConsoleProperties(Duration redAfter, Duration slowAfter, Duration slowCall, Duration refresh,
                                List<Flow> flows, List<Peer> peers) {

    public ConsoleProperties {
        redAfter = redAfter == null ? Duration.ofMinutes(2) : redAfter;
        slowAfter = slowAfter == null ? Duration.ofMinutes(5) : slowAfter;
        slowCall = slowCall == null ? Duration.ofSeconds(2) : slowCall;
        refresh = refresh == null ? Duration.ofSeconds(10) : refresh;
        flows = flows == null ? List.of() : List.copyOf(flows);
        peers = peers == null ? List.of() : List.copyOf(peers);
    }

    /**
     * A flow as the overview shows it.
     *
     * @param routes route ids whose exchanges are the flow's throughput (a trailing {@code *} matches a prefix)
     * @param queues the flow's queues: their depth, oldest message and dead letters
     * @param peers  the peers it depends on: a failing peer makes the flow fail
     */
    public record Flow(String id, List<String> routes, List<String> queues, List<String> peers) {
        public Flow {
            routes = routes == null ? List.of() : List.copyOf(routes);
            queues = queues == null ? List.of() : List.copyOf(queues);
            peers = peers == null ? List.of() : List.copyOf(peers);
        }
    }

    /**
     * A peer as the overview shows it.
     *
     * @param label    shown instead of the message key {@code peer.<id>} (mailbox operators: their name)
     * @param routes   routes that talk to this peer: an exchange completed there without a failure of this peer is a
     *                 successful call (a trailing {@code *} matches a prefix)
     * @param queues   the peer's own queues (depth, oldest, dead letters)
     * @param failures exception classes (simple or full names) that mean this peer did not answer; matched along the
     *                 cause chain, on any route, or only on {@code routes} when {@code failuresOnRoutesOnly}
     * @param health   a Spring health indicator that knows this peer better (e.g. {@code smsGateway}): DOWN is failing
     */
    public record Peer(String id, String label, List<String> routes, List<String> queues, List<String> failures,
                       Boolean failuresOnRoutesOnly, String health) {
        public Peer {
            routes = routes == null ? List.of() : List.copyOf(routes);
            queues = queues == null ? List.of() : List.copyOf(queues);
            failures = failures == null ? List.of() : List.copyOf(failures);
            failuresOnRoutesOnly = failuresOnRoutesOnly != null && failuresOnRoutesOnly;
        }
    }
}
