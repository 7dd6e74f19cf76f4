package se.vardnav.console.health;

import org.junit.jupiter.api.Test;
import se.vardnav.support.SettableClock;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class RouteActivityTest {

    @Test
    void exchangesAreCountedSinceStartAndPerWindowOfMinutes() {
        SettableClock clock = new SettableClock();
        RouteActivity routes = new RouteActivity(clock);
        Instant t0 = Instant.parse("2026-12-01T10:00:00Z");
        clock.setNow(t0);
        routes.completed("platform-delivery", 10, false);
        routes.completed("platform-delivery", 30, true);
        clock.setNow(t0.plusSeconds(30 * 60));
        routes.completed("platform-delivery", 20, false);

        assertThat(routes.last("platform-delivery", 5)).isEqualTo(new Activity(1, 0, 20));
        assertThat(routes.last("platform-delivery", 60)).isEqualTo(new Activity(3, 1, 60));
        assertThat(routes.totals("platform-delivery")).isEqualTo(new RouteActivity.Totals(3, 1, 20, 30));
        clock.setNow(t0.plusSeconds(3 * 3600));
        assertThat(routes.last("platform-delivery", 60)).as("an hour later the window is empty").isEqualTo(Activity.NONE);
        assertThat(routes.last("unknown", 5)).isEqualTo(Activity.NONE);
    }
}
