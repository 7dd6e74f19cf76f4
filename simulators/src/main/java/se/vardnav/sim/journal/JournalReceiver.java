package se.vardnav.sim.journal;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Plays the journal system's receiving side: an MLLP listener for ADT and MDM from the hub that answers each
 * message as told: AA (kept as accepted), AE or AR with a reason, SLOW (AA after a delay), or DOWN (the port refuses
 * connections). A message whose control id (MSH-10) was accepted before is acknowledged again and kept once, as a
 * journal system does with a resend. Given a schedule ({@link #answerQueriesFrom}), it also answers SQM^S25 with SQR^S25
 * ("Uppdatera nu" over HL7), following the same modes (AE/AR with the reason, SLOW, DOWN); queries are kept apart
 * from the ADT/MDM it accepted ({@link #queries()}). Over TLS ({@link #overTls}) it requires a client certificate that
 * chains to its trust store, as a region's journal system does; a refused handshake is counted ({@link #refusedHandshakes()}).
 */
public final class JournalReceiver implements AutoCloseable {
    public enum Mode { AA, AE, AR, SLOW, DOWN }

    private int port;
    private volatile Mode mode = Mode.AA;
    private volatile String reason = "";
    private volatile Duration delay = Duration.ofSeconds(30);
    private volatile ServerSocket server;
    private volatile Thread acceptor;
    private final List<String> accepted = new CopyOnWriteArrayList<>();
    private final List<String> answered = new CopyOnWriteArrayList<>();
    private final Set<String> acceptedIds = ConcurrentHashMap.newKeySet();
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final List<String> queries = new CopyOnWriteArrayList<>();
    private volatile ScheduleQueries schedule;
    private volatile SSLContext tls;
    private final AtomicInteger refusedHandshakes = new AtomicInteger();

    /** @param port 0 for a free one */
    public JournalReceiver(int port) {
        this.port = port;
    }

    /**
     * Listens with TLS 1.2/1.3 only and requires a client certificate: {@code tls} holds the journal's server key and
     * the trust store the hub's client certificate must chain to.
     */
    public static JournalReceiver overTls(int port, SSLContext tls) {
        JournalReceiver receiver = new JournalReceiver(port);
        receiver.tls = tls;
        return receiver;
    }

    /**
     * Listens with another server certificate or trust store from now on (same port): open connections are dropped,
     * so the next one shakes hands anew.
     */
    public synchronized void useTls(SSLContext tls) {
        this.tls = tls;
        boolean listening = server != null;
        closeSockets();
        if (listening) {
            start();
        }
    }

    /** TLS handshakes that failed (the hub's certificate refused, or the hub refused this one). */
    public int refusedHandshakes() {
        return refusedHandshakes.get();
    }

    public synchronized JournalReceiver start() {
        try {
            ServerSocket s = tls == null ? new ServerSocket() : tlsServerSocket(tls);
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            port = s.getLocalPort();
            server = s;
            Thread t = new Thread(() -> accept(s), "journal-receiver-" + port);
            t.setDaemon(true);
            t.start();
            acceptor = t;
            return this;
        } catch (IOException e) {
            throw new IllegalStateException("cannot listen on " + port, e);
        }
    }

    public int port() {
        return port;
    }

    private static ServerSocket tlsServerSocket(SSLContext tls) throws IOException {
        SSLServerSocket s = (SSLServerSocket) tls.getServerSocketFactory().createServerSocket();
        s.setNeedClientAuth(true);
        s.setEnabledProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
        return s;
    }

    /** AE or AR with this reason (MSA-3) from now on. */
    public void answer(Mode mode, String reason) {
        if (mode == Mode.DOWN) {
            goDown();
            return;
        }
        this.reason = reason == null ? "" : reason;
        this.mode = mode;
        if (server == null) {
            start();
        }
    }

    public void answer(Mode mode) {
        answer(mode, mode == Mode.AE ? "rejected by the simulator" : mode == Mode.AR ? "busy" : "");
    }

    /** SLOW answers AA after this delay (longer than the hub's ACK timeout makes it a timeout). */
    public void slowBy(Duration delay) {
        this.delay = delay;
        this.mode = Mode.SLOW;
    }

    /** The listener closes and open connections are dropped: connections are refused until {@link #comeUp()}. */
    public synchronized void goDown() {
        mode = Mode.DOWN;
        closeSockets();
    }

    /** Listening again (same port), answering AA. */
    public synchronized void comeUp() {
        mode = Mode.AA;
        reason = "";
        if (server == null) {
            start();
        }
    }

    /** The messages acknowledged AA, in arrival order, each control id once. */
    public List<String> accepted() {
        return new ArrayList<>(accepted);
    }

    /** Every message received, whatever the answer (resends included). */
    public List<String> received() {
        return new ArrayList<>(answered);
    }

    /** SQM^S25 queries go to this schedule; without one they are answered AR. */
    public JournalReceiver answerQueriesFrom(ScheduleQueries schedule) {
        this.schedule = schedule;
        return this;
    }

    /** Every SQM^S25 received, whatever the answer. */
    public List<String> queries() {
        return new ArrayList<>(queries);
    }

    public void clear() {
        queries.clear();
        accepted.clear();
        answered.clear();
        acceptedIds.clear();
    }

    @Override
    public synchronized void close() {
        closeSockets();
    }

    private void closeSockets() {
        ServerSocket s = server;
        server = null;
        if (s != null) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing
            }
        }
        Thread t = acceptor;
        acceptor = null;
        if (t != null) {
            try {
                // the JDK frees the port only once the thread blocked in accept() has left it: then it can be bound again
                t.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (Socket c : open) {
            try {
                c.close();
            } catch (IOException ignored) {
                // closing
            }
        }
        open.clear();
    }

    private void accept(ServerSocket s) {
        while (!s.isClosed()) {
            try {
                Socket c = s.accept();
                open.add(c);
                Thread t = new Thread(() -> serve(c), "journal-receiver-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket c) {
        try (c) {
            if (c instanceof SSLSocket secure) {
                try {
                    secure.startHandshake();
                } catch (IOException refused) {
                    refusedHandshakes.incrementAndGet();
                    return;
                }
            }
            InputStream in = c.getInputStream();
            OutputStream out = c.getOutputStream();
            while (true) {
                String message = JournalSimulator.readFrame(in, StandardCharsets.UTF_8);
                Mode now = mode;
                boolean query = ScheduleQueries.isQuery(message);
                (query ? queries : answered).add(message);
                if (now == Mode.DOWN) {
                    return;
                }
                if (now == Mode.SLOW) {
                    Thread.sleep(delay.toMillis());
                }
                String code = now == Mode.AE ? "AE" : now == Mode.AR ? "AR" : "AA";
                if (query) {
                    ScheduleQueries answers = schedule;
                    String answer = answers == null ? ScheduleQueries.refusal(message, "AR", "no schedule queries here")
                            : "AA".equals(code) ? answers.answer(message) : ScheduleQueries.refusal(message, code, reason);
                    out.write(JournalSimulator.frame(answer, StandardCharsets.UTF_8));
                    out.flush();
                    continue;
                }
                if ("AA".equals(code) && acceptedIds.add(field(message, 10))) {
                    accepted.add(message);
                }
                out.write(JournalSimulator.frame(ack(message, code, "AA".equals(code) ? "" : reason), StandardCharsets.UTF_8));
                out.flush();
            }
        } catch (IOException | InterruptedException closed) {
            // the hub closed, or the simulator went down
        } finally {
            open.remove(c);
        }
    }

    static String ack(String message, String code, String text) {
        return "MSH|^~\\&|JOURNAL|REGION|" + field(message, 3) + "|" + field(message, 4) + "|" + java.time.LocalDateTime.now()
                .format(java.time.format.DateTimeFormatter.ofPattern("yyyyMMddHHmmss")) + "||ACK^" + trigger(message) + "^ACK|A"
                + field(message, 10) + "|P|2.5\rMSA|" + code + "|" + field(message, 10) + "|" + text + "\r";
    }

    /** MSH-n of an ER7 message (MSH-1 is the field separator, so field n is split index n - 1). */
    public static String field(String er7, int n) {
        String msh = er7.split("\r", 2)[0];
        String[] f = msh.split("\\|", -1);
        return f.length > n - 1 ? f[n - 1] : "";
    }

    /** The trigger event (MSH-9.2), e.g. A04 or T02. */
    public static String trigger(String er7) {
        String[] type = field(er7, 9).split("\\^");
        return type.length > 1 ? type[1] : "";
    }
}
