package se.vardnav.sim.sms;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

/** The hub's delivery-report endpoint, played by the JDK's own HTTP server so that no hub code is involved. */
public final class ReportEndpoint implements AutoCloseable {
    /** One callback as it arrived: raw query and body, still encoded. */
    public record Call(String method, String rawQuery, String body, int answered, Instant at) {}

    private final HttpServer server;
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final Queue<Integer> nextAnswers = new ConcurrentLinkedQueue<>();

    public ReportEndpoint() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/dlr", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Integer queued = nextAnswers.poll();
            int status = queued == null ? 200 : queued;
            calls.add(new Call(exchange.getRequestMethod(), exchange.getRequestURI().getRawQuery(), body, status,
                    Instant.now()));
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
    }

    /** The URL to hand to the gateway connector as its delivery-report URL. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/dlr";
    }

    /** The next callbacks are answered with these statuses, then 200 again. */
    public void answerNext(int... statuses) {
        for (int s : statuses) {
            nextAnswers.add(s);
        }
    }

    public List<Call> calls() {
        return List.copyOf(calls);
    }

    public void clear() {
        calls.clear();
        nextAnswers.clear();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
