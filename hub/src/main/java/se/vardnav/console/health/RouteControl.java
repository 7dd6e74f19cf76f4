package se.vardnav.console.health;

import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.ServiceStatus;
import org.apache.camel.util.URISupport;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/** Each Camel route with its state and figures, and starting, stopping, suspending or resuming one. */
public class RouteControl {
    /** How long a stop waits for in-flight exchanges before it gives up on them (they roll back and are redelivered). */
    static final int STOP_TIMEOUT_SECONDS = 10;
    private final CamelContext camel;
    private final RouteActivity activity;

    public RouteControl(CamelContext camel, RouteActivity activity) {
        this.camel = camel;
        this.activity = activity;
    }

    public enum Action {
        START, STOP, SUSPEND, RESUME;

        public static Action parse(String s) {
            return valueOf(s.strip().toUpperCase(Locale.ROOT));
        }
    }

    /** @param from the route's input, with any password or secret in it masked */
    public record RouteInfo(String id, String status, String from, RouteActivity.Totals totals, Activity last5, int inflight) {
        public boolean started() {
            return ServiceStatus.Started.name().equals(status);
        }

        public boolean suspended() {
            return ServiceStatus.Suspended.name().equals(status);
        }
    }

    public List<RouteInfo> routes() {
        return camel.getRoutes().stream().sorted(Comparator.comparing(Route::getRouteId)).map(this::info).toList();
    }

    public java.util.Optional<RouteInfo> route(String id) {
        Route r = camel.getRoute(id);
        return r == null ? java.util.Optional.empty() : java.util.Optional.of(info(r));
    }

    private RouteInfo info(Route r) {
        String id = r.getRouteId();
        ServiceStatus status = camel.getRouteController().getRouteStatus(id);
        return new RouteInfo(id, status == null ? "Unknown" : status.name(), URISupport.sanitizeUri(r.getEndpoint().getEndpointUri()),
                activity.totals(id), activity.last(id, 5), camel.getInflightRepository().size(id));
    }

    public void apply(String routeId, Action action) throws Exception {
        if (camel.getRoute(routeId) == null) {
            throw new IllegalArgumentException("no route '" + routeId + "'");
        }
        var controller = camel.getRouteController();
        switch (action) {
            case START -> controller.startRoute(routeId);
            case STOP -> controller.stopRoute(routeId, STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            case SUSPEND -> controller.suspendRoute(routeId, STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            case RESUME -> controller.resumeRoute(routeId);
        }
    }
}
