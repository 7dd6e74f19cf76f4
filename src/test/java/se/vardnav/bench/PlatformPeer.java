package se.vardnav.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import se.vardnav.sim.platform.PlatformSimulator;
import se.vardnav.sim.platform.PlatformWrite;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** The visit platform the hub writes to during the benchmark, and the log of what it received. */
interface PlatformPeer extends AutoCloseable {
    String baseUrl();

    List<PlatformWrite> writes();

    int writeCount();

    @Override
    void close();

    /** The project's PlatformSimulator (HAPI RestfulServer with the real conditional-update semantics). */
    static PlatformPeer simulator(int port) {
        PlatformSimulator sim = new PlatformSimulator(port).start();
        return new PlatformPeer() {
            public String baseUrl() { return sim.baseUrl(); }
            public List<PlatformWrite> writes() { return sim.writes(); }
            public int writeCount() { return sim.writeCount(); }
            public void close() { sim.close(); }
        };
    }

    /**
     * A minimal FHIR peer (JDK HttpServer) that answers each conditional PUT with 201 and records the
     * write the same way as the simulator, without keeping Appointments: its cost per write is constant.
     */
    static PlatformPeer stub(int port) {
        return new Stub(port);
    }

    final class Stub implements PlatformPeer {
        private final HttpServer server;
        private final ExecutorService pool = Executors.newFixedThreadPool(8);
        private final ConcurrentLinkedQueue<PlatformWrite> writes = new ConcurrentLinkedQueue<>();
        private final AtomicInteger count = new AtomicInteger();
        private final Map<String, Long> ids = new ConcurrentHashMap<>();
        private final AtomicLong nextId = new AtomicLong(1);

        Stub(int port) {
            try {
                server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 200);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            server.createContext("/platform/fhir/Appointment", this::handle);
            server.setExecutor(pool);
            server.start();
        }

        private void handle(HttpExchange ex) throws IOException {
            Instant received = Instant.now();
            try (InputStream in = ex.getRequestBody()) {
                in.readAllBytes();
            }
            String query = ex.getRequestURI().getRawQuery();
            String bookingId = null;
            for (String pair : query == null ? new String[0] : query.split("&")) {
                if (pair.startsWith("identifier=")) {
                    String token = URLDecoder.decode(pair.substring("identifier=".length()), StandardCharsets.UTF_8);
                    bookingId = token.substring(token.indexOf('|') + 1);
                }
            }
            if (!"PUT".equals(ex.getRequestMethod()) || bookingId == null) {
                ex.sendResponseHeaders(400, -1);
                ex.close();
                return;
            }
            boolean[] created = {false};
            long id = ids.computeIfAbsent(bookingId, k -> { created[0] = true; return nextId.getAndIncrement(); });
            writes.add(new PlatformWrite(bookingId, created[0] ? 201 : 200, received));
            count.incrementAndGet();
            byte[] body = ("{\"resourceType\":\"Appointment\",\"id\":\"" + id + "\",\"meta\":{\"versionId\":\"1\"},\"status\":\"booked\"}")
                    .getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/fhir+json;charset=utf-8");
            ex.getResponseHeaders().add("Location", baseUrl() + "/Appointment/" + id + "/_history/1");
            ex.sendResponseHeaders(created[0] ? 201 : 200, body.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        }

        public String baseUrl() { return "http://127.0.0.1:" + server.getAddress().getPort() + "/platform/fhir"; }
        public List<PlatformWrite> writes() { return List.copyOf(writes); }
        public int writeCount() { return count.get(); }
        public void close() {
            server.stop(0);
            pool.shutdownNow();
        }
    }
}
