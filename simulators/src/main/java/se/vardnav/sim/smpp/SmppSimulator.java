package se.vardnav.sim.smpp;

import org.jsmpp.SMPPConstant;
import org.jsmpp.bean.BindType;
import org.jsmpp.session.BindRequest;
import org.jsmpp.session.SMPPServerSession;
import org.jsmpp.session.SMPPServerSessionListener;
import org.jsmpp.session.connection.ServerConnection;
import org.jsmpp.session.connection.ServerConnectionFactory;
import org.jsmpp.session.connection.Connection;
import org.jsmpp.session.connection.socket.SocketConnection;
import org.jsmpp.util.DeliveryReceiptState;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.Charset;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * An SMSC speaking real SMPP 3.4 (jsmpp) on a loopback port, with one ESME account. Accepts
 * bind_transmitter, bind_receiver and bind_transceiver; answers submit_sm with a message id, records
 * what arrived and sends delivery receipts when registered_delivery asks. Fault controls let tests
 * make it slow, reject submits with a chosen command_status, or go away and come back on the same port.
 */
public final class SmppSimulator implements AutoCloseable {
    private static final String SMSC_SYSTEM_ID = "vardnav-smsc";

    private final String systemId;
    private final String password;
    private final ExecutorService workers = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "smpp-sim");
        t.setDaemon(true);
        return t;
    });
    private final SmscHandler handler = new SmscHandler(workers);
    private volatile int port;
    private volatile SMPPServerSessionListener listener;

    /** @param port 0 for a free port; {@link #port()} tells which one after {@link #start()} */
    public SmppSimulator(String systemId, String password, int port) {
        this.systemId = systemId;
        this.password = password;
        this.port = port;
    }

    public synchronized SmppSimulator start() {
        if (listener != null) {
            return this;
        }
        try {
            SMPPServerSessionListener l = new SMPPServerSessionListener(port, new LoopbackFactory());
            l.setMessageReceiverListener(handler);
            l.setResponseDeliveryListener(handler);
            l.setSessionStateListener((now, before, source) -> {
                if (!now.isBound()) {
                    handler.sessions.remove(source);
                }
            });
            listener = l;
            Thread acceptor = new Thread(() -> acceptLoop(l), "smpp-sim-accept");
            acceptor.setDaemon(true);
            acceptor.start();
            return this;
        } catch (IOException e) {
            throw new IllegalStateException("SMPP simulator cannot listen on port " + port, e);
        }
    }

    public int port() {
        return port;
    }

    /** Accepted messages, concatenated ones once complete, in arrival order. */
    public List<SmppReceived> received() {
        return List.copyOf(handler.received);
    }

    /** How many messages {@link #received()} would hold, without copying them. */
    public int receivedCount() {
        return handler.received.size();
    }

    /** Sessions currently bound, whatever their bind type. */
    public int boundSessions() {
        return handler.sessions.size();
    }

    /** Delay before each submit_sm_resp. */
    public void setDelay(Duration delay) {
        handler.delay = delay;
    }

    /** The next {@code count} submit_sm get {@code commandStatus}, e.g. 0x58 throttled, 0x0B bad destination. */
    public void failNext(int count, int commandStatus) {
        handler.failNext(count, commandStatus);
    }

    /** stat: of later receipts: DELIVRD (default), UNDELIV, EXPIRED, REJECTD, ... */
    public void setReceiptStatus(String stat) {
        handler.receiptStatus = DeliveryReceiptState.valueOf(stat);
    }

    /** How data_coding 0 is read; ISO-8859-1 matches camel-smpp's default encoding. */
    public void setDefaultAlphabet(Charset charset) {
        handler.assembler.setDefaultAlphabet(charset);
    }

    /** Back to a healthy, empty SMSC; bound sessions stay bound. */
    public void reset() {
        handler.reset();
    }

    /** Stops listening and drops every session, like an SMSC outage. */
    public synchronized void goDown() {
        SMPPServerSessionListener l = listener;
        listener = null;
        if (l != null) {
            try {
                l.close();
            } catch (IOException ignored) {
                // already closed
            }
        }
        List.copyOf(handler.sessions.keySet()).forEach(s -> {
            handler.sessions.remove(s);
            s.unbindAndClose();
        });
    }

    /** Listens again on the same port after {@link #goDown()}. */
    public void comeUp() {
        start();
    }

    @Override
    public void close() {
        goDown();
        workers.shutdownNow();
    }

    private void acceptLoop(SMPPServerSessionListener l) {
        while (true) {
            SMPPServerSession session;
            try {
                session = l.accept();
            } catch (IOException e) {
                return; // listener closed by goDown() or close()
            }
            workers.execute(() -> bind(session));
        }
    }

    private void bind(SMPPServerSession session) {
        try {
            BindRequest request = session.waitForBind(5_000);
            if (!systemId.equals(request.getSystemId())) {
                request.reject(SMPPConstant.STAT_ESME_RINVSYSID);
                return;
            }
            if (!password.equals(request.getPassword())) {
                request.reject(SMPPConstant.STAT_ESME_RINVPASWD);
                return;
            }
            BindType type = request.getBindType();
            handler.sessions.put(session, type);
            request.accept(SMSC_SYSTEM_ID);
            if (type != BindType.BIND_TX) {
                handler.flushUndelivered();
            }
        } catch (Exception e) {
            handler.sessions.remove(session);
            session.close();
        }
    }

    /** Binds to loopback only and remembers the real port, so port 0 can be reported and reused. */
    private final class LoopbackFactory implements ServerConnectionFactory {
        @Override
        public ServerConnection listen(int requested) throws IOException {
            return listen(requested, 0, 50);
        }

        @Override
        public ServerConnection listen(int requested, int timeout) throws IOException {
            return listen(requested, timeout, 50);
        }

        @Override
        public ServerConnection listen(int requested, int timeout, int backlog) throws IOException {
            ServerSocket socket = new ServerSocket();
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), requested), backlog);
            socket.setSoTimeout(timeout);
            port = socket.getLocalPort();
            return new NoDelayServerConnection(socket);
        }
    }

    /**
     * Accepted sockets with TCP_NODELAY, as an SMSC sends its PDUs: with Nagle on, a deliver_sm written
     * right after a submit_sm_resp waits for the client's delayed ACK.
     */
    private static final class NoDelayServerConnection implements ServerConnection {
        private final ServerSocket socket;

        NoDelayServerConnection(ServerSocket socket) {
            this.socket = socket;
        }

        @Override
        public Connection accept() throws IOException {
            Socket s = socket.accept();
            s.setTcpNoDelay(true);
            return new SocketConnection(s);
        }

        @Override
        public void setSoTimeout(int timeout) throws IOException {
            socket.setSoTimeout(timeout);
        }

        @Override
        public int getSoTimeout() throws IOException {
            return socket.getSoTimeout();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
