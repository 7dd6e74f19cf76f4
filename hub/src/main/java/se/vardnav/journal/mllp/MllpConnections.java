package se.vardnav.journal.mllp;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The journal system's MLLP connections: which are open and in what state, the caps (in all, per peer
 * address), and why the hub refused or closed one. Metrics: gauge {@code vardnav.journal.mllp.connections{state}}
 * (waiting = between messages, processing = a message being handled) and {@code …connections.limit}; counters
 * {@code …connections.refused{reason}} and {@code …connections.closed{reason}}, and
 * {@code vardnav.journal.mllp.messages.oversized} (over the limit, whether answered with AR or, when they did
 * not end, with a closed connection). Logs name peer addresses (systems), never content.
 */
public final class MllpConnections {
    private static final Logger LOG = LoggerFactory.getLogger(MllpConnections.class);

    public enum State { WAITING, PROCESSING }

    /** Why a connection was refused at accept. */
    public enum Refusal { FULL, PEER_LIMIT, TLS }

    /** Why the hub closed an open connection. */
    public enum Closing { IDLE, UNFRAMED, OVERSIZED, INCOMPLETE_FRAME }

    private final int max;
    private final int maxPerPeer;
    private final MeterRegistry meters;
    private final Set<Connection> open = ConcurrentHashMap.newKeySet();
    private final Map<String, Integer> perPeer = new HashMap<>(); // guarded by this
    private final Counter oversized;

    public MllpConnections(int max, int maxPerPeer, MeterRegistry meters) {
        this.max = max;
        this.maxPerPeer = maxPerPeer;
        this.meters = meters;
        for (State s : State.values()) {
            Gauge.builder("vardnav.journal.mllp.connections", this, c -> c.count(s)).tag("state", tag(s))
                    .description("open MLLP connections from journal systems").register(meters);
        }
        Gauge.builder("vardnav.journal.mllp.connections.limit", this, c -> c.max)
                .description("MLLP connections the hub keeps open at most").register(meters);
        for (Refusal r : Refusal.values()) {
            refusedCounter(r);
        }
        for (Closing c : Closing.values()) {
            closedCounter(c);
        }
        oversized = Counter.builder("vardnav.journal.mllp.messages.oversized")
                .description("messages over max-message-size, answered with AR").register(meters);
    }

    /** A new connection from this address, or empty (counted and logged) when a cap is reached. */
    public synchronized Optional<Connection> admit(String peer) {
        int fromPeer = perPeer.getOrDefault(peer, 0);
        if (open.size() >= max) {
            refused(Refusal.FULL, peer, "all " + max + " MLLP connections are in use (vardnav.journal.mllp.max-connections)");
            return Optional.empty();
        }
        if (fromPeer >= maxPerPeer) {
            refused(Refusal.PEER_LIMIT, peer, fromPeer + " connections from that address are open already"
                    + " (vardnav.journal.mllp.max-connections-per-peer)");
            return Optional.empty();
        }
        perPeer.put(peer, fromPeer + 1);
        Connection c = new Connection(peer);
        open.add(c);
        return Optional.of(c);
    }

    public int open() {
        return open.size();
    }

    public int count(State state) {
        return (int) open.stream().filter(c -> c.state == state).count();
    }

    public int max() {
        return max;
    }

    public int maxPerPeer() {
        return maxPerPeer;
    }

    /** Every slot taken: a new connection would be refused. */
    public boolean saturated() {
        return open.size() >= max;
    }

    private synchronized void release(Connection c) {
        if (open.remove(c)) {
            perPeer.computeIfPresent(c.peer, (p, n) -> n > 1 ? n - 1 : null);
        }
    }

    private void refused(Refusal reason, String peer, String why) {
        refusedCounter(reason).increment();
        LOG.warn("MLLP connection from {} refused and closed: {}", peer, why);
    }

    private Counter refusedCounter(Refusal r) {
        return Counter.builder("vardnav.journal.mllp.connections.refused").tag("reason", tag(r))
                .description("MLLP connections closed at accept (a cap reached) or at the TLS handshake").register(meters);
    }

    private Counter closedCounter(Closing c) {
        return Counter.builder("vardnav.journal.mllp.connections.closed").tag("reason", tag(c))
                .description("MLLP connections the hub closed").register(meters);
    }

    private static String tag(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** One open connection: its state and when it last delivered a message. */
    public final class Connection {
        private final String peer;
        private final AtomicBoolean ended = new AtomicBoolean();
        private volatile State state = State.WAITING;
        private volatile long lastMessageNanos = System.nanoTime();

        private Connection(String peer) {
            this.peer = peer;
        }

        public String peer() {
            return peer;
        }

        public void waiting() {
            state = State.WAITING;
        }

        /** A complete message arrived: it is being handled, and the idle time starts again. */
        public void processing() {
            state = State.PROCESSING;
            lastMessageNanos = System.nanoTime();
        }

        /** Real time, not the hub's clock: socket timeouts cannot follow a settable clock. */
        public long idleNanos() {
            return System.nanoTime() - lastMessageNanos;
        }

        /**
         * The TLS handshake failed (no client certificate, one that does not chain to the trust store, plain bytes on
         * a TLS port) or the certificate is not allowed: refused before any message is read.
         */
        public void refusedTls(String why) {
            refused(Refusal.TLS, peer, why);
        }

        public void outOfBand() {
            LOG.warn("MLLP message from {} came with bytes outside its frame; they were ignored", peer);
        }

        /** A message outgrew the size limit (counted before the sender hears of it). */
        public void oversized() {
            oversized.increment();
        }

        public void oversizedAnswered(int limit) {
            LOG.warn("MLLP message from {} is larger than {} bytes: read to its end, dropped, answered with AR", peer, limit);
        }

        /** The hub closes this connection, for this reason (counted and logged once). */
        public void closing(Closing reason, String detail) {
            closedCounter(reason).increment();
            if (reason == Closing.IDLE) {
                LOG.info("MLLP connection from {} closed ({}): {}", peer, tag(reason), detail); // routine on a quiet night
            } else {
                LOG.warn("MLLP connection from {} closed ({}): {}", peer, tag(reason), detail);
            }
        }

        /** The connection is gone, whoever closed it; idempotent. */
        public void ended() {
            if (ended.compareAndSet(false, true)) {
                release(this);
            }
        }
    }
}
