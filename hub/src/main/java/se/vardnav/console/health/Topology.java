package se.vardnav.console.health;

import se.vardnav.console.ConsoleProperties;
import se.vardnav.console.ConsoleProperties.Flow;
import se.vardnav.console.ConsoleProperties.Peer;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The flows and peers the console knows, from configuration plus those contributed at start (one peer per
 * mailbox operator), and the rules that tie a route or an exception to a peer.
 */
public class Topology {
    private final List<Flow> flows;
    private final List<Peer> peers;

    public Topology(List<Flow> flows, List<Peer> peers) {
        this.flows = List.copyOf(flows);
        this.peers = List.copyOf(peers);
    }

    public static Topology of(ConsoleProperties props, List<Peer> contributed) {
        List<Peer> all = new ArrayList<>(props.peers());
        contributed.stream().filter(c -> all.stream().noneMatch(p -> p.id().equals(c.id()))).forEach(all::add);
        return new Topology(props.flows(), all);
    }

    public List<Flow> flows() {
        return flows;
    }

    public List<Peer> peers() {
        return peers;
    }

    public Optional<Peer> peer(String id) {
        return peers.stream().filter(p -> p.id().equals(id)).findFirst();
    }

    /** The peers a route talks to: its completion without their failure means they answered. */
    public List<Peer> peersOfRoute(String routeId) {
        return peers.stream().filter(p -> matchesAny(p.routes(), routeId)).toList();
    }

    /** The peer whose "did not answer" this failure is, if any (along the cause chain). */
    public Optional<Peer> peerFailing(String routeId, Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            for (Peer p : peers) {
                if (named(p.failures(), t.getClass()) && (!p.failuresOnRoutesOnly() || matchesAny(p.routes(), routeId))) {
                    return Optional.of(p);
                }
            }
        }
        return Optional.empty();
    }

    /** Whether a route id is one of the patterns: exact, or a prefix ending in {@code *}. */
    public static boolean matchesAny(List<String> patterns, String routeId) {
        if (routeId == null) {
            return false;
        }
        for (String p : patterns) {
            if (p.endsWith("*") ? routeId.startsWith(p.substring(0, p.length() - 1)) : p.equals(routeId)) {
                return true;
            }
        }
        return false;
    }

    private static boolean named(List<String> names, Class<?> type) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            if (names.contains(c.getName()) || names.contains(c.getSimpleName())) {
                return true;
            }
        }
        return false;
    }
}
