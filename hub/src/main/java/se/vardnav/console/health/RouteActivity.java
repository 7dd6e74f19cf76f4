package se.vardnav.console.health;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Exchanges per Camel route as the console shows them: totals since start (exchanges, failures, mean and max
 * time) and the last 5 and 60 minutes. Fed by {@link ActivityNotifier}; a failure is an exchange that ended in the
 * error handler (dead-lettered or refused), not a retry that later worked.
 */
public class RouteActivity {
    private final Clock clock;
    private final Map<String, Stats> routes = new ConcurrentHashMap<>();

    public RouteActivity(Clock clock) {
        this.clock = clock;
    }

    /** Totals since the hub started, for the routes page. */
    public record Totals(long exchanges, long failures, long meanMillis, long maxMillis) {}

    private static final class Stats {
        final AtomicLong exchanges = new AtomicLong();
        final AtomicLong failures = new AtomicLong();
        final AtomicLong millis = new AtomicLong();
        final AtomicLong max = new AtomicLong();
        final MinuteCounts window = new MinuteCounts();
    }

    public void completed(String routeId, long elapsedMillis, boolean failed) {
        if (routeId == null) {
            return;
        }
        Stats s = routes.computeIfAbsent(routeId, id -> new Stats());
        s.exchanges.incrementAndGet();
        if (failed) {
            s.failures.incrementAndGet();
        }
        s.millis.addAndGet(Math.max(0, elapsedMillis));
        s.max.accumulateAndGet(elapsedMillis, Math::max);
        s.window.add(minute(), failed, elapsedMillis);
    }

    public Totals totals(String routeId) {
        Stats s = routes.get(routeId);
        if (s == null) {
            return new Totals(0, 0, 0, 0);
        }
        long n = s.exchanges.get();
        return new Totals(n, s.failures.get(), n == 0 ? 0 : s.millis.get() / n, s.max.get());
    }

    public Activity last(String routeId, int minutes) {
        Stats s = routes.get(routeId);
        return s == null ? Activity.NONE : s.window.last(minute(), minutes);
    }

    private long minute() {
        return Math.floorDiv(clock.millis(), 60_000L);
    }
}
