package se.vardnav.console.health;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import se.vardnav.identity.SafeText;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The hub's record of how each peer answered: the one place that says whether the platform, the register, the SMS
 * gateway, a mailbox operator or the mail server is up, since when it has been failing, and why (no personal data).
 * {@link ActivityNotifier} reports what Camel routes saw; a peer with a health indicator of its own
 * ({@code smsGateway}) is failing while that says DOWN. Exported as {@code vardnav_peer_up{peer}},
 * {@code vardnav_peer_failing_seconds{peer}} and {@code vardnav_peer_calls_total{peer,outcome}}.
 */
public class PeerOutcomes {
    private final Clock clock;
    private final MeterRegistry meters;
    private final Map<String, Peer> peers = new ConcurrentHashMap<>();
    private final Function<String, HealthIndicator> healthByName;

    /** @param healthByName finds a health component by name when first needed (not at start: it may need Camel) */
    public PeerOutcomes(Clock clock, MeterRegistry meters, Function<String, HealthIndicator> healthByName) {
        this.clock = clock;
        this.meters = meters;
        this.healthByName = healthByName;
    }

    /** How a peer stands now. {@code failingSince} is null while it answers. */
    public record Snapshot(String peer, Instant lastSuccess, Instant failingSince, String lastError, Instant lastErrorAt,
                           Activity last5, Activity last60) {
        public boolean failing() {
            return failingSince != null;
        }

        public Duration failingFor(Instant now) {
            return failingSince == null ? Duration.ZERO : Duration.between(failingSince, now);
        }
    }

    private final class Peer {
        final String id;
        final MinuteCounts window = new MinuteCounts();
        final Counter ok;
        final Counter failed;
        volatile String healthName;
        volatile HealthIndicator health;
        volatile Instant lastSuccess;
        volatile Instant failingSince;
        volatile Instant healthDownSince;
        volatile String lastError;
        volatile Instant lastErrorAt;

        Peer(String id) {
            this.id = id;
            this.ok = meters.counter("vardnav.peer.calls", "peer", id, "outcome", "ok");
            this.failed = meters.counter("vardnav.peer.calls", "peer", id, "outcome", "failed");
            Gauge.builder("vardnav.peer.up", this, p -> snapshot(p).failing() ? 0 : 1).tag("peer", id)
                    .description("1 while the peer answers, 0 while it fails").register(meters);
            Gauge.builder("vardnav.peer.failing.seconds", this, p -> snapshot(p).failingFor(clock.instant()).toSeconds())
                    .tag("peer", id).description("how long the peer has been failing, 0 while it answers").register(meters);
        }
    }

    /** Makes the peer known (its meters exist from the start), optionally with a health component that knows it better. */
    public void register(String peer, String healthComponent) {
        peers.computeIfAbsent(peer, Peer::new).healthName = healthComponent;
    }

    public void succeeded(String peer, long elapsedMillis) {
        Peer p = peers.computeIfAbsent(peer, Peer::new);
        p.lastSuccess = clock.instant();
        p.failingSince = null;
        p.ok.increment();
        p.window.add(minute(), false, elapsedMillis);
    }

    /** The peer did not answer (down, timeout, 5xx); the reason is scrubbed of anything personal. */
    public void failed(String peer, String reason) {
        Peer p = peers.computeIfAbsent(peer, Peer::new);
        Instant now = clock.instant();
        if (p.failingSince == null) {
            p.failingSince = now;
        }
        p.lastError = SafeText.scrub(reason);
        p.lastErrorAt = now;
        p.failed.increment();
        p.window.add(minute(), true, 0);
    }

    public Snapshot snapshot(String peer) {
        Peer p = peers.get(peer);
        return p == null ? new Snapshot(peer, null, null, null, null, Activity.NONE, Activity.NONE) : snapshot(p);
    }

    private Snapshot snapshot(Peer p) {
        Instant since = p.failingSince;
        String error = p.lastError;
        Instant errorAt = p.lastErrorAt;
        HealthIndicator h = p.health;
        if (h == null && p.healthName != null) {
            h = healthByName.apply(p.healthName);
            p.health = h;
        }
        if (h != null) {
            Health health = h.health();
            if (Status.DOWN.equals(health.getStatus()) || Status.OUT_OF_SERVICE.equals(health.getStatus())) {
                Instant downSince = since(health, p);
                since = since == null || downSince.isBefore(since) ? downSince : since;
                Object reason = health.getDetails().get("reason");
                if (reason != null) {
                    error = SafeText.scrub(String.valueOf(reason));
                    errorAt = errorAt == null ? downSince : errorAt;
                }
            } else {
                p.healthDownSince = null;
            }
        }
        long now = minute();
        return new Snapshot(p.id, p.lastSuccess, since, error, errorAt, p.window.last(now, 5), p.window.last(now, 60));
    }

    private Instant since(Health health, Peer p) {
        Object since = health.getDetails().get("since");
        if (since != null) {
            try {
                return Instant.parse(String.valueOf(since));
            } catch (RuntimeException notAnInstant) {
                // first seen down below
            }
        }
        if (p.healthDownSince == null) {
            p.healthDownSince = clock.instant();
        }
        return p.healthDownSince;
    }

    private long minute() {
        return Math.floorDiv(clock.millis(), 60_000L);
    }
}
