package se.vardnav.durability;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * While the hub does not accept traffic (readiness not ACCEPTING_TRAFFIC) a request is answered 503 with Retry-After
 * before anything reads it, so its sender (or the load balancer, haproxy.cfg's {@code retry-on 503}) sends it again,
 * to another hub or later. Two windows: at start, the web server listens seconds before Camel's routes run (the FHIR
 * intake would fail with 500: "CamelContext is stopped"); at a graceful shutdown, readiness goes DOWN first, before
 * the web server stops taking connections. Requests already past this filter finish. The health probes still answer.
 */
final class NotReadyFilter extends OncePerRequestFilter {
    /** Seconds: another hub answers at once; this one is back after its start. */
    static final String RETRY_AFTER_SECONDS = "2";
    private final ApplicationAvailability availability;

    NotReadyFilter(ApplicationAvailability availability) {
        this.availability = availability;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return availability.getReadinessState() == ReadinessState.ACCEPTING_TRAFFIC || request.getRequestURI().startsWith("/actuator/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        response.setHeader("Retry-After", RETRY_AFTER_SECONDS);
        // written here, not by sendError: no error page dispatch (and its filters) while the hub is not ready
        response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        response.setContentType("text/plain;charset=UTF-8");
        response.getWriter().write("not ready (starting or stopping): send again\n");
    }
}
