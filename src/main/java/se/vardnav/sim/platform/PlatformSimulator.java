package se.vardnav.sim.platform;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.server.RestfulServer;
import org.hl7.fhir.r4.model.Appointment;
import se.vardnav.sim.EmbeddedHttpServer;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The visit platform as a FHIR R4 server on its own loopback port, at
 * {@code http://127.0.0.1:<port>/platform/fhir}. A protocol peer, not a mock: it can be slow, down,
 * or answer with errors on request.
 */
public final class PlatformSimulator implements AutoCloseable {
    private final PlatformState state = new PlatformState();
    private final EmbeddedHttpServer http;

    /** @param port the loopback port, 0 for a free one */
    public PlatformSimulator(int port) {
        RestfulServer server = new RestfulServer(FhirContext.forR4Cached());
        server.setResourceProviders(new AppointmentProvider(state));
        http = new EmbeddedHttpServer(port, "/platform", "/fhir/*", server);
    }

    public PlatformSimulator start() {
        http.start();
        return this;
    }

    public int port() {
        return http.port();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port() + "/platform/fhir";
    }

    /** Every request waits this long before it is handled (to provoke client timeouts). */
    public void setDelay(Duration delay) {
        state.setDelay(delay);
    }

    /** The port refuses connections until {@link #comeUp()}. */
    public void goDown() {
        http.goDown();
    }

    public void comeUp() {
        http.comeUp();
    }

    /** Answers the next {@code count} write requests with {@code httpStatus} and an OperationOutcome. */
    public void failNext(int count, int httpStatus) {
        if (httpStatus < 400 || httpStatus > 599) {
            throw new IllegalArgumentException("failure status must be 4xx or 5xx: " + httpStatus);
        }
        state.failNext(count, httpStatus);
    }

    /** Every write whose Appointment matches is answered with {@code status}; {@code reason} is the diagnostics. */
    public void rejectWhen(Predicate<Appointment> when, int status, String reason) {
        state.rejectWhen(when, status, reason);
    }

    /** Copies of the stored Appointments, in id order. */
    public List<Appointment> appointments() {
        return state.all();
    }

    public Optional<Appointment> findByBookingId(String bookingId) {
        return state.all().stream().filter(a -> bookingId.equals(PlatformState.bookingId(a))).findFirst();
    }

    /** Successful writes in the order they were applied. */
    public List<PlatformWrite> writes() {
        return state.writes();
    }

    public int writeCount() {
        return state.writes().size();
    }

    /** Empty store and log, no delay, no injected failures or rules, and listening again. */
    public void reset() {
        state.reset();
        http.comeUp();
    }

    @Override
    public void close() {
        http.close();
    }
}
