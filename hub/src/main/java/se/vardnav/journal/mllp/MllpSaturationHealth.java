package se.vardnav.journal.mllp;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/**
 * Readiness of the journal system's MLLP listener: OUT_OF_SERVICE while every connection slot is taken (a
 * journal system that connects now is refused), so a load balancer sends new connections elsewhere and
 * monitoring sees it. Details: open connections by state and the caps.
 */
public final class MllpSaturationHealth implements HealthIndicator {
    private final MllpConnections connections;

    public MllpSaturationHealth(MllpConnections connections) {
        this.connections = connections;
    }

    @Override
    public Health health() {
        Health.Builder health = connections.saturated() ? Health.outOfService().withDetail("saturated", true) : Health.up();
        return health.withDetail("open", connections.open())
                .withDetail("waiting", connections.count(MllpConnections.State.WAITING))
                .withDetail("processing", connections.count(MllpConnections.State.PROCESSING))
                .withDetail("maxConnections", connections.max())
                .withDetail("maxConnectionsPerPeer", connections.maxPerPeer())
                .build();
    }
}
