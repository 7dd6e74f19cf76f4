package se.vardnav.console.health;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Route;
import org.apache.camel.ServiceStatus;
import org.apache.camel.spi.InflightRepository;
import se.vardnav.broker.BrokerProperties;
import se.vardnav.console.ConsoleProperties;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/** Builds the overview's tiles from the routes, the queues and the peer record. */
public class Overview {
    private final Topology topology;
    private final RouteActivity routes;
    private final PeerOutcomes peers;
    private final QueueWatch queues;
    private final CamelContext camel;
    private final Clock clock;
    private final ConsoleProperties props;
    private final LongSupplier deadLetters;

    public Overview(Topology topology, RouteActivity routes, PeerOutcomes peers, QueueWatch queues, CamelContext camel,
                    Clock clock, ConsoleProperties props, LongSupplier deadLetters) {
        this.deadLetters = deadLetters;
        this.topology = topology;
        this.routes = routes;
        this.peers = peers;
        this.queues = queues;
        this.camel = camel;
        this.clock = clock;
        this.props = props;
    }

    public record Tiles(List<Tile> flows, List<Tile> peers, long deadLetters, Instant at) {
        public boolean anyRed() {
            return flows.stream().anyMatch(Tile::red) || peers.stream().anyMatch(Tile::red);
        }
    }

    public Tiles tiles() {
        Instant now = clock.instant();
        Map<String, Tile> peerTiles = new java.util.LinkedHashMap<>();
        for (ConsoleProperties.Peer p : topology.peers()) {
            peerTiles.put(p.id(), peerTile(p, now));
        }
        List<Tile> flowTiles = topology.flows().stream().map(f -> flowTile(f, peerTiles)).toList();
        return new Tiles(flowTiles, List.copyOf(peerTiles.values()), totalDeadLetters(), now);
    }

    private Tile peerTile(ConsoleProperties.Peer p, Instant now) {
        PeerOutcomes.Snapshot s = peers.snapshot(p.id());
        TileState state = TileState.ofPeer(s, now, props.redAfter(), props.slowCall());
        Waiting w = waiting(p.queues(), routeIds(p.routes()));
        List<String> notes = new ArrayList<>();
        if (s.lastSuccess() == null && !s.failing()) {
            notes.add("note.no-traffic|");
        }
        if (state == TileState.SLOW) {
            notes.add("note.slow-calls|" + s.last5().meanMillis());
        }
        boolean showError = s.failing();
        return new Tile(Tile.Kind.PEER, p.id(), p.label(), state, s.last5(), s.last60(), w.oldest, w.depth, w.deadLetters,
                s.failingFor(now), showError ? s.lastError() : null, showError ? s.lastErrorAt() : null, notes);
    }

    private Tile flowTile(ConsoleProperties.Flow f, Map<String, Tile> peerTiles) {
        List<String> routeIds = routeIds(f.routes());
        List<String> notes = new ArrayList<>();
        boolean notRunning = false;
        Activity last5 = Activity.NONE;
        Activity last60 = Activity.NONE;
        for (String id : routeIds) {
            ServiceStatus status = camel.getRouteController().getRouteStatus(id);
            if (status != ServiceStatus.Started) {
                notRunning = true;
                notes.add("note.route-not-running|" + id);
            }
            last5 = last5.plus(routes.last(id, 5));
            last60 = last60.plus(routes.last(id, 60));
        }
        List<TileState> peerStates = new ArrayList<>();
        for (Tile t : peerTiles.values()) {
            String peer = t.id();
            if (Topology.matchesAny(f.peers(), peer)) {
                peerStates.add(t.state());
                if (t.state() != TileState.UP) {
                    // the peer's own name if it has one (a mailbox operator), else its message key
                    notes.add("note.peer-" + t.state().name().toLowerCase(java.util.Locale.ROOT) + "|"
                            + (t.label() != null ? t.label() : "peer." + peer));
                }
            }
        }
        Waiting w = waiting(f.queues(), routeIds);
        if (w.retrying > 0) {
            notes.add("note.retrying|" + w.retrying);
        }
        TileState state = TileState.ofFlow(notRunning, peerStates, w.retrying, w.oldest, props.slowAfter());
        return new Tile(Tile.Kind.FLOW, f.id(), null, state, last5, last60, w.oldest, w.depth, w.deadLetters,
                Duration.ZERO, null, null, notes);
    }

    private record Waiting(Duration oldest, long depth, long deadLetters, int retrying) {}

    private Waiting waiting(List<String> queueNames, List<String> routeIds) {
        Instant wall = Instant.now();
        Duration oldest = null;
        long depth = 0;
        long dead = 0;
        for (String q : queueNames) {
            long d = queues.depth(q);
            depth = depth < 0 || d < 0 ? -1 : depth + d;
            dead += Math.max(0, queues.depth(BrokerProperties.deadLetterQueueOf(q)));
            if (d != 0) {
                oldest = longer(oldest, queues.oldest(q).map(t -> Duration.between(t, wall)).orElse(null));
            }
        }
        int retrying = 0;
        InflightRepository inflight = camel.getInflightRepository();
        for (String id : routeIds) {
            if (inflight.size(id) == 0) {
                continue;
            }
            if (inflight.isInflightBrowseEnabled()) {
                for (InflightRepository.InflightExchange e : inflight.browse(id, 100, true)) {
                    oldest = longer(oldest, Duration.between(Instant.ofEpochMilli(e.getExchange().getCreated()), wall));
                    Integer n = e.getExchange().getMessage().getHeader(Exchange.REDELIVERY_COUNTER, Integer.class);
                    if (n != null && n > 0) {
                        retrying++;
                    }
                }
            }
        }
        return new Waiting(oldest, depth, dead, retrying);
    }

    private static Duration longer(Duration a, Duration b) {
        if (a == null) {
            return b;
        }
        return b == null || a.compareTo(b) >= 0 ? a : b;
    }

    /** Every dead letter waiting, over all hub queues' DLQs. */
    public long totalDeadLetters() {
        return deadLetters.getAsLong();
    }

    /** Route ids of the running context that match the patterns. */
    public List<String> routeIds(List<String> patterns) {
        return camel.getRoutes().stream().map(Route::getRouteId).filter(id -> Topology.matchesAny(patterns, id)).sorted().toList();
    }
}
