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
    private final java.util.List<String> bodies;

    GatedServlet(Servlet delegate) {
        this(delegate, null);
    }

    /** @param bodies when not null, every request body is added to it as received (UTF-8), before anything else happens */
    GatedServlet(Servlet delegate, java.util.List<String> bodies) {
        this.delegate = delegate;
        this.bodies = bodies;
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
        if (bodies != null) {
            byte[] body = req.getInputStream().readAllBytes();
            bodies.add(new String(body, java.nio.charset.StandardCharsets.UTF_8));
            req = new ReplayedBody(req, body);
        }
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

    /** The request with its body read once and handed on unchanged. */
    private static final class ReplayedBody extends jakarta.servlet.http.HttpServletRequestWrapper {
        private final byte[] body;

        ReplayedBody(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public jakarta.servlet.ServletInputStream getInputStream() {
            java.io.ByteArrayInputStream in = new java.io.ByteArrayInputStream(body);
            return new jakarta.servlet.ServletInputStream() {
                @Override public boolean isFinished() { return in.available() == 0; }
                @Override public boolean isReady() { return true; }
                @Override public void setReadListener(jakarta.servlet.ReadListener listener) { throw new UnsupportedOperationException(); }
                @Override public int read() { return in.read(); }
                @Override public int read(byte[] b, int off, int len) { return in.read(b, off, len); }
            };
        }

        @Override
        public java.io.BufferedReader getReader() {
            return new java.io.BufferedReader(new java.io.InputStreamReader(getInputStream(), java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    @Override
    public void destroy() {
        delegate.destroy();
        super.destroy();
    }
}
