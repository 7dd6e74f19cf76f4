package se.vardnav.journal.mllp;

import org.apache.camel.Processor;
import org.apache.camel.component.mllp.MllpTcpServerConsumer;
import org.apache.camel.component.mllp.internal.Hl7Util;
import org.apache.camel.component.mllp.internal.MllpSocketBuffer;
import org.apache.camel.component.mllp.internal.TcpSocketConsumerRunnable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.SSLSocket;
import javax.security.auth.x500.X500Principal;
import java.io.IOException;
import java.net.Socket;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * camel-mllp's server consumer with the hub's connection rules at accept. camel-mllp first reads a new
 * connection on a "validation" thread, where a frame over {@code maxBufferSize} fails unseen and leaves the
 * socket open, and a connection over {@code maxConcurrentConsumers} is reset without a trace. Here an
 * accepted socket is admitted by {@link MllpConnections} (caps in all and per peer; a refused one is closed
 * and counted) and goes straight to camel-mllp's per-connection reader, with a {@link GuardedSocketBuffer}
 * and log texts that carry no content. Messages are processed by camel-mllp as before.
 */
final class GuardedMllpConsumer extends MllpTcpServerConsumer {
    private static final Logger LOG = LoggerFactory.getLogger(GuardedMllpConsumer.class);
    private final MllpConnections connections;
    private final EdgeAnswers answers;
    private final int limitBytes;
    private final long idleTimeoutNanos;
    private final MllpTls tls;
    /**
     * For camel-mllp's log texts of a connection's bytes (out-of-band data, DEBUG lines): at most one byte
     * (0 would mean all of them). Its logger is at ERROR besides (application.yml).
     */
    private final Hl7Util printFriendly = new Hl7Util(1, false);
    /** Bounded by the connection caps, not by the pool: a refused connection never reaches it. */
    private final ExecutorService readers;

    GuardedMllpConsumer(GuardedMllpEndpoint endpoint, Processor processor, MllpConnections connections, EdgeAnswers answers,
                        int limitBytes, long idleTimeoutNanos, MllpTls tls) {
        super(endpoint, processor);
        this.tls = tls;
        this.connections = connections;
        this.answers = answers;
        this.limitBytes = limitBytes;
        this.idleTimeoutNanos = idleTimeoutNanos;
        AtomicInteger n = new AtomicInteger();
        this.readers = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "mllp-connection-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** Called by camel-mllp's accept thread for every new socket. */
    @Override
    public void validateConsumer(Socket socket) {
        String peer = socket.getInetAddress() == null ? "unknown" : socket.getInetAddress().getHostAddress();
        Optional<MllpConnections.Connection> admitted = connections.admit(peer);
        if (admitted.isEmpty()) {
            closeQuietly(socket);
            return;
        }
        MllpConnections.Connection connection = admitted.get();
        try {
            TcpSocketConsumerRunnable reader = new TcpSocketConsumerRunnable(this, socket,
                    new GuardedSocketBuffer(getEndpoint(), connection, answers, limitBytes, idleTimeoutNanos), printFriendly, false);
            getConsumerRunnables().put(reader, System.currentTimeMillis());
            readers.execute(() -> {
                try {
                    if (socket instanceof SSLSocket ssl && !trusted(ssl, connection)) {
                        getConsumerRunnables().remove(reader);
                        closeQuietly(socket);
                        return;
                    }
                    reader.run();
                } finally {
                    connection.ended();
                }
            });
            getEndpoint().updateLastConnectionEstablishedTicks();
        } catch (RuntimeException closedOrStopping) { // the peer left at once, or the route is stopping
            connection.ended();
            closeQuietly(socket);
        }
    }

    /**
     * The TLS handshake, on the connection's own thread (a slow peer holds only its own slot, bounded by the socket's
     * receive timeout), and the allow-list of client certificate subjects. A refusal is counted and logged with the
     * address and the reason, never with bytes the peer sent.
     */
    private boolean trusted(SSLSocket socket, MllpConnections.Connection connection) {
        X500Principal subject;
        try {
            socket.startHandshake();
            subject = (X500Principal) socket.getSession().getPeerPrincipal();
        } catch (IOException e) {
            connection.refusedTls("TLS handshake failed (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")");
            return false;
        }
        if (!tls.allows(subject)) {
            connection.refusedTls("client certificate " + subject.getName() + " is not in vardnav.journal.mllp.tls.allowed-subjects");
            return false;
        }
        return true;
    }

    /** Not used: {@link #validateConsumer} hands connections to the reader itself. */
    @Override
    public void startConsumer(Socket socket, MllpSocketBuffer buffer) {
        throw new UnsupportedOperationException("connections are started by validateConsumer");
    }

    /** A frame that stopped arriving: {@link GuardedSocketBuffer} counted and logged it; camel-mllp's text would carry the bytes. */
    @Override
    public void handleMessageTimeout(String message, byte[] payload, Throwable cause) {
        LOG.debug("MLLP: {} ({} bytes, not logged)", message, payload == null ? 0 : payload.length);
    }

    @Override
    public void handleMessageException(String message, byte[] payload, Throwable cause) {
        LOG.warn("MLLP: {} ({} bytes, not logged); the sender gets no ACK and resends", message, payload == null ? 0 : payload.length);
    }

    @Override
    protected void doShutdown() throws Exception {
        super.doShutdown();
        readers.shutdownNow();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
