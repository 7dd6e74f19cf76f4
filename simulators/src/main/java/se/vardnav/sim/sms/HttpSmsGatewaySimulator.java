package se.vardnav.sim.sms;

import se.vardnav.sim.EmbeddedHttpServer;

import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

/**
 * An operator's HTTP SMS gateway on its own loopback port, speaking both 46elks-style
 * ({@code POST /a1/sms}) and Kannel ({@code GET /cgi-bin/sendsms}), and calling delivery reports back.
 * A protocol peer, not a mock: it can be slow, down, or answer with errors on request.
 */
public final class HttpSmsGatewaySimulator implements AutoCloseable {
    public static final String DEFAULT_USER = "vardnav";
    public static final String DEFAULT_PASSWORD = "sim-secret";

    private final SmsSimState state = new SmsSimState();
    private final DeliveryReporter reporter = new DeliveryReporter();
    private final EmbeddedHttpServer http;
    private final SmsGatewayServlet servlet;
    private final String password;

    /** @param port the loopback port, 0 for a free one */
    public HttpSmsGatewaySimulator(int port) {
        this(port, DEFAULT_USER, DEFAULT_PASSWORD);
    }

    /** The same credentials serve Basic auth (46elks) and username/password (Kannel). */
    public HttpSmsGatewaySimulator(int port, String user, String password) {
        this.password = password;
        this.servlet = new SmsGatewayServlet(state, user, password, reporter::report);
        http = new EmbeddedHttpServer(port, "", "/*", servlet);
    }

    public HttpSmsGatewaySimulator start() {
        http.start();
        return this;
    }

    public int port() {
        return http.port();
    }

    /** Base for both protocols: append {@code /a1/sms} or {@code /cgi-bin/sendsms}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port();
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

    /** Answers the next {@code count} send requests with {@code httpStatus}. */
    public void failNext(int count, int httpStatus) {
        if (httpStatus < 400 || httpStatus > 599) {
            throw new IllegalArgumentException("failure status must be 4xx or 5xx: " + httpStatus);
        }
        state.failNext(count, httpStatus);
    }

    /** Numbers (as sent) matching are answered 400, as an operator's block list would. */
    public void refuseNumbers(Predicate<String> refused) {
        state.refuseNumbers(refused);
    }

    /** Every message accepted from now on gets a report, delivered or failed, if it asked for one. */
    public void autoReport(boolean delivered) {
        state.autoReport(delivered);
    }

    /** No more automatic reports (the default). */
    public void noAutoReport() {
        state.autoReport(null);
    }

    /** Sends the report for an accepted message now (asynchronously); {@code id} as in {@link #received()}. */
    public void reportNow(String id, boolean delivered) {
        ReceivedSms sms = state.find(id).orElseThrow(() -> new IllegalArgumentException("no message with id " + id));
        if (sms.reportUrl() == null) {
            throw new IllegalStateException("message " + id + " asked for no delivery report");
        }
        reporter.report(sms, delivered);
    }

    /** Accepted messages in arrival order. */
    public List<ReceivedSms> received() {
        return state.received();
    }

    /** Delivery-report requests made so far, 46elks retries included. */
    public int reportAttempts() {
        return reporter.attempts();
    }

    /** The account's password changes (both protocols): a client with the old one is refused (401 / 403). */
    public void changePassword(String newPassword) {
        servlet.setPassword(newPassword);
    }

    /** Nothing received, no delay, failures, refusals or auto reports, the first password, and listening again. */
    public void reset() {
        servlet.setPassword(password);
        state.reset();
        http.comeUp();
    }

    @Override
    public void close() {
        reporter.close();
        http.close();
    }
}
