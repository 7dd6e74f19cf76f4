package se.vardnav.console.health;

import org.apache.camel.Exchange;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;

import java.util.Optional;

/**
 * Tells {@link RouteActivity} and {@link PeerOutcomes} what Camel's routes did, without touching the routes or
 * the connectors: an exchange that completed is a call its route's peers answered; a retry or a dead letter
 * caused by a peer's "unavailable" exception is that peer failing. Only exchange completion, redelivery and
 * failure events are listened to.
 */
public class ActivityNotifier extends EventNotifierSupport {
    private final Topology topology;
    private final RouteActivity routes;
    private final PeerOutcomes peers;

    public ActivityNotifier(Topology topology, RouteActivity routes, PeerOutcomes peers) {
        this.topology = topology;
        this.routes = routes;
        this.peers = peers;
        setIgnoreCamelContextEvents(true);
        setIgnoreCamelContextInitEvents(true);
        setIgnoreRouteEvents(true);
        setIgnoreServiceEvents(true);
        setIgnoreStepEvents(true);
        setIgnoreExchangeCreatedEvent(true);
        setIgnoreExchangeSendingEvents(true);
        setIgnoreExchangeSentEvents(true);
        setIgnoreExchangeAsyncProcessingStartedEvents(true);
    }

    @Override
    public boolean isEnabled(CamelEvent event) {
        return event instanceof CamelEvent.ExchangeCompletedEvent || event instanceof CamelEvent.ExchangeFailedEvent
                || event instanceof CamelEvent.ExchangeRedeliveryEvent || event instanceof CamelEvent.ExchangeFailureHandlingEvent;
    }

    @Override
    public void notify(CamelEvent event) {
        Exchange exchange = ((CamelEvent.ExchangeEvent) event).getExchange();
        String routeId = exchange.getFromRouteId();
        if (event instanceof CamelEvent.ExchangeRedeliveryEvent || event instanceof CamelEvent.ExchangeFailureHandlingEvent) {
            failureOf(exchange).ifPresent(failure -> topology.peerFailing(routeId, failure)
                    .ifPresent(peer -> peers.failed(peer.id(), reason(failure))));
            return;
        }
        boolean failed = exchange.isFailed() || exchange.getExchangeExtension().isFailureHandled();
        Throwable failure = failed ? failureOf(exchange).orElse(null) : null;
        long elapsed = exchange.getClock().elapsed();
        routes.completed(routeId, elapsed, failed);
        if (event instanceof CamelEvent.ExchangeFailedEvent) {
            return; // an unhandled failure ends in this event instead of completion: no peer answered for it
        }
        String failingPeer = failure == null ? null : topology.peerFailing(routeId, failure).map(p -> p.id()).orElse(null);
        for (var peer : topology.peersOfRoute(routeId)) {
            if (!peer.id().equals(failingPeer)) {
                peers.succeeded(peer.id(), elapsed);
            }
        }
    }

    private static Optional<Throwable> failureOf(Exchange exchange) {
        Throwable t = exchange.getException();
        if (t == null) {
            t = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        }
        return Optional.ofNullable(t);
    }

    /** The exception's type and message: the hub's connector exceptions say what failed, not whom it was for. */
    static String reason(Throwable failure) {
        Throwable t = failure;
        while (t.getCause() != null && t.getCause() != t && (t.getMessage() == null || t.getMessage().isBlank())) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }
}
