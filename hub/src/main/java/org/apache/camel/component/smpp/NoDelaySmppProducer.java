package org.apache.camel.component.smpp;

import org.apache.camel.Exchange;
import org.jsmpp.DefaultPDUReader;
import org.jsmpp.DefaultPDUSender;
import org.jsmpp.SynchronizedPDUSender;
import org.jsmpp.session.SMPPSession;
import org.jsmpp.session.connection.Connection;
import org.jsmpp.session.connection.ConnectionFactory;
import org.jsmpp.session.connection.socket.SocketConnection;
import org.jsmpp.util.DefaultComposer;

import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.concurrent.locks.ReentrantLock;

/**
 * camel-smpp's producer with TCP_NODELAY on its socket. camel-smpp (4.17) opens the SMSC socket with
 * Nagle's algorithm on: a small PDU written while an earlier one is unacknowledged (several submit_sm
 * in flight, or a deliver_sm_resp just sent) waits for the SMSC's delayed ACK, which capped the hub
 * near 160 submit_sm/s on loopback (docs/benchmarks.md, reminders). SMPP is a request/response protocol
 * of small PDUs: every ESME/SMSC stack sends them at once. Lives in camel-smpp's package because the
 * session factory it overrides, {@code createSMPPSession()}, is package-private (a seam camel-smpp
 * keeps for its own tests); if a Camel upgrade drops it, this fails to compile rather than silently
 * losing the option. An HTTP proxy setting is left to camel-smpp's own connection factory.
 */
public class NoDelaySmppProducer extends SmppProducer {
    private final SmppConfiguration configuration;
    private final ReentrantLock firstBind = new ReentrantLock();
    private volatile boolean used;

    public NoDelaySmppProducer(SmppEndpoint endpoint) {
        super(endpoint, endpoint.getConfiguration());
        this.configuration = endpoint.getConfiguration();
    }

    /**
     * With lazySessionCreation camel-smpp binds on the first message under a tryLock: callers arriving
     * while it binds fail ("could not acquire a lock for creating the session") instead of waiting, so
     * a start-up burst on many consumers turned into retries. Until one message went through, callers
     * take turns here; after that camel-smpp's own reconnect handles a lost session.
     */
    @Override
    public void process(Exchange exchange) throws Exception {
        if (used) {
            super.process(exchange);
            return;
        }
        firstBind.lock();
        try {
            super.process(exchange);
            used = true;
        } finally {
            firstBind.unlock();
        }
    }

    @Override
    SMPPSession createSMPPSession() {
        ConnectionFactory connections = configuration.getHttpProxyHost() != null
                ? SmppConnectionFactory.getInstance(configuration)
                : new NoDelayConnections(configuration.isUsingSSL(), configuration.getEnquireLinkTimer());
        return new SMPPSession(new SynchronizedPDUSender(new DefaultPDUSender(new DefaultComposer())),
                new DefaultPDUReader(), connections);
    }

    /** Plain or TLS socket, TCP_NODELAY, the same connect timeout camel-smpp uses (the enquire-link timer). */
    public record NoDelayConnections(boolean tls, int connectTimeoutMs) implements ConnectionFactory {
        @Override
        public Connection createConnection(String host, int port) throws IOException {
            return new SocketConnection(open(host, port));
        }

        /** The connected socket: plain, or TLS layered over the plain one. */
        public Socket open(String host, int port) throws IOException {
            Socket socket = new Socket();
            try {
                socket.setTcpNoDelay(true);
                socket.connect(new InetSocketAddress(host, port), connectTimeoutMs);
                if (tls) {
                    SSLSocket secure = (SSLSocket) ((SSLSocketFactory) SSLSocketFactory.getDefault())
                            .createSocket(socket, host, port, true);
                    secure.startHandshake();
                    return secure;
                }
                return socket;
            } catch (IOException | RuntimeException e) {
                socket.close();
                throw e;
            }
        }
    }
}
