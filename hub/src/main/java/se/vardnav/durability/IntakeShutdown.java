package se.vardnav.durability;

import org.apache.camel.CamelContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.context.WebServerGracefulShutdownLifecycle;
import org.springframework.context.SmartLifecycle;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Stops the intake that does not come over HTTP (the MLLP listener, the letter file drop) when a graceful shutdown
 * begins, in the same phase as the web server's graceful shutdown and so bounded by the same
 * {@code spring.lifecycle.timeout-per-shutdown-phase}. Without it these routes would stop only with Camel, after the
 * HTTP drain: a journal system would go on sending to a hub that its load balancer has already taken out. Closing
 * the listener and its connections sends the journal system to another hub, where it resends what got no ACK yet.
 * What is in flight on these routes finishes first (bounded by vardnav.shutdown-timeout); the rest of the hub's work
 * (the queues, the timers) finishes when Camel stops, after HTTP.
 */
final class IntakeShutdown implements SmartLifecycle {
    private static final Logger LOG = LoggerFactory.getLogger(IntakeShutdown.class);
    /**
     * Looked up when stopping, not injected: a Lifecycle bean's dependencies are started before it, and CamelContext
     * started that early (before Camel Spring Boot adds the routes) runs with no routes at all.
     */
    private final ObjectProvider<CamelContext> camelContext;
    private final List<String> routeIds;
    private final long timeoutSeconds;
    private volatile boolean running;

    IntakeShutdown(ObjectProvider<CamelContext> camelContext, List<String> routeIds, long timeoutSeconds) {
        this.camelContext = camelContext;
        this.routeIds = routeIds;
        this.timeoutSeconds = timeoutSeconds;
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        CamelContext camel = camelContext.getIfAvailable();
        if (camel == null) {
            return;
        }
        for (String id : routeIds) {
            if (camel.getRoute(id) == null || !camel.getRouteController().getRouteStatus(id).isStoppable()) {
                continue; // not in this hub's routes (a region's own routes-dir), or never started
            }
            try {
                camel.getRouteController().stopRoute(id, timeoutSeconds, TimeUnit.SECONDS);
                LOG.info("Shutdown: intake {} stopped", id);
            } catch (Exception e) {
                LOG.warn("Shutdown: intake {} did not stop cleanly ({}); Camel stops it with the rest", id, e.toString());
            }
        }
    }

    /** Asynchronous, so that the HTTP drain of the same phase runs beside it. */
    @Override
    public void stop(Runnable callback) {
        new Thread(() -> {
            try {
                stop();
            } finally {
                callback.run();
            }
        }, "intake-shutdown").start();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return WebServerGracefulShutdownLifecycle.SMART_LIFECYCLE_PHASE;
    }
}
