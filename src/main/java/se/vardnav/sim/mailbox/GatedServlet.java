package se.vardnav.sim.mailbox;

import jakarta.servlet.Servlet;
import jakarta.servlet.ServletConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Puts a simulator's failure modes in front of its real servlet: answer the next N requests with
 * HTTP 503 (no SOAP/JSON body, like a proxy in front of a broken peer), or answer slowly.
 */
final class GatedServlet extends HttpServlet {
    private final Servlet delegate;
    private final AtomicInteger failNext = new AtomicInteger();
    private final AtomicInteger requests = new AtomicInteger();
    private volatile Duration delay = Duration.ZERO;

    GatedServlet(Servlet delegate) {
        this.delegate = delegate;
    }

    void failNext(int n) {
        failNext.set(n);
    }

    void setDelay(Duration delay) {
        this.delay = delay == null ? Duration.ZERO : delay;
    }

    void clear() {
        failNext.set(0);
        delay = Duration.ZERO;
    }

    /** Requests that reached the simulator, failed ones included. */
    int requests() {
        return requests.get();
    }

    @Override
    public void init(ServletConfig config) throws ServletException {
        super.init(config);
        delegate.init(config);
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws ServletException, IOException {
        requests.incrementAndGet();
        pause();
        if (failNext.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0) {
            req.getInputStream().readAllBytes();
            resp.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
            resp.setContentType("text/plain");
            resp.getWriter().write("temporarily unavailable");
            return;
        }
        delegate.service(req, resp);
    }

    private void pause() {
        Duration d = delay;
        if (d.isZero() || d.isNegative()) {
            return;
        }
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void destroy() {
        delegate.destroy();
        super.destroy();
    }
}
