package se.vardnav.sim.journal;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PushbackInputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Plays the journal system: sends HL7 v2 over MLLP (0x0B … 0x1C 0x0D) on one kept-open socket, as journal
 * systems do, and waits for the ACK. Reconnects on the next send after a failure. Thread-safe (one at a time).
 * For hostile or broken senders it also sends raw bytes (any character set, unframed, garbage), connects from
 * another loopback address, holds a connection idle, and tells whether the hub has closed the connection.
 */
public final class JournalSimulator implements AutoCloseable {
    static final int START = 0x0B;
    static final int END = 0x1C;
    static final int CR = 0x0D;

    private final String host;
    private final int port;
    private final Duration timeout;
    private final Charset charset;
    private final String localAddress;
    private final SSLContext tls;
    private Socket socket;
    private PushbackInputStream in;

    public JournalSimulator(String host, int port) {
        this(host, port, Duration.ofSeconds(10), StandardCharsets.UTF_8);
    }

    /** The charset must match MSH-18 of the messages (SiuMessages writes UNICODE UTF-8). */
    public JournalSimulator(String host, int port, Duration timeout, Charset charset) {
        this(host, port, timeout, charset, null);
    }

    private JournalSimulator(String host, int port, Duration timeout, Charset charset, String localAddress) {
        this(host, port, timeout, charset, localAddress, null);
    }

    private JournalSimulator(String host, int port, Duration timeout, Charset charset, String localAddress, SSLContext tls) {
        this.tls = tls;
        this.host = host;
        this.port = port;
        this.timeout = timeout;
        this.charset = charset;
        this.localAddress = localAddress;
    }

    /** A sender on another machine, as far as the hub can tell: connects from this local address (e.g. 127.0.0.2). */
    public static JournalSimulator from(String localAddress, String host, int port) {
        return new JournalSimulator(host, port, Duration.ofSeconds(10), StandardCharsets.UTF_8, localAddress);
    }

    /**
     * A journal system that speaks MLLP over TLS: its client certificate (if any) and the CAs it trusts for the hub's
     * server certificate are in {@code tls}. A refused handshake shows as an IOException on the send.
     */
    public static JournalSimulator overTls(String host, int port, SSLContext tls) {
        return new JournalSimulator(host, port, Duration.ofSeconds(10), StandardCharsets.UTF_8, null, tls);
    }

    /** Sends one message and blocks until its ACK arrives or the timeout passes (then IOException). */
    public synchronized String send(String er7) throws IOException {
        return sendBytes(er7.getBytes(charset));
    }

    /** Sends these bytes as one MLLP frame (whatever character set they are in) and returns the ACK. */
    public synchronized String sendBytes(byte[] message) throws IOException {
        return exchange(frame(message));
    }

    /** Writes the bytes as they are, without MLLP framing, and returns the hub's answer (an MLLP frame). */
    public synchronized String sendUnframed(byte[] bytes) throws IOException {
        return exchange(bytes);
    }

    /** Opens the connection without sending anything (an idle peer). */
    public synchronized void connect() throws IOException {
        connection();
    }

    /**
     * Whether the hub has closed this connection (end of stream or reset seen within 100 ms); false while it is
     * open and silent, and when there is no connection.
     */
    public synchronized boolean closedByHub() {
        if (socket == null || socket.isClosed()) {
            return false;
        }
        try {
            socket.setSoTimeout(100);
            int b = in.read();
            if (b < 0) {
                return true;
            }
            in.unread(b);
            return false;
        } catch (SocketTimeoutException open) {
            return false;
        } catch (IOException reset) {
            return true;
        } finally {
            try {
                socket.setSoTimeout((int) timeout.toMillis());
            } catch (IOException ignored) {
                // closed
            }
        }
    }

    private String exchange(byte[] bytes) throws IOException {
        try {
            Socket s = connection();
            OutputStream out = s.getOutputStream();
            out.write(bytes);
            out.flush();
            return readFrame(in, charset);
        } catch (IOException e) {
            close();
            if (e instanceof SocketTimeoutException) {
                throw new IOException("no ACK within " + timeout.toMillis() + " ms", e);
            }
            throw e;
        }
    }

    @Override
    public synchronized void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
            socket = null;
        }
    }

    private Socket connection() throws IOException {
        if (socket == null || socket.isClosed()) {
            Socket s = new Socket();
            if (localAddress != null) {
                s.bind(new InetSocketAddress(localAddress, 0));
            }
            s.connect(new InetSocketAddress(host, port), (int) timeout.toMillis());
            s.setSoTimeout((int) timeout.toMillis());
            s.setTcpNoDelay(true);
            if (tls != null) {
                SSLSocket secured = (SSLSocket) tls.getSocketFactory().createSocket(s, host, port, true);
                secured.startHandshake();
                s = secured;
            }
            socket = s;
            in = new PushbackInputStream(s.getInputStream(), 1);
        }
        return socket;
    }

    /** MLLP frame around an ER7 message. */
    public static byte[] frame(String er7, Charset charset) {
        return frame(er7.getBytes(charset));
    }

    /** MLLP frame around a message's bytes. */
    public static byte[] frame(byte[] body) {
        byte[] framed = new byte[body.length + 3];
        framed[0] = START;
        System.arraycopy(body, 0, framed, 1, body.length);
        framed[body.length + 1] = END;
        framed[body.length + 2] = CR;
        return framed;
    }

    /** Reads one MLLP frame; bytes before the start block are skipped, as MLLP allows. */
    public static String readFrame(InputStream in, Charset charset) throws IOException {
        int b;
        do {
            b = in.read();
            if (b < 0) {
                throw new IOException("connection closed before an MLLP frame started");
            }
        } while (b != START);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            b = in.read();
            if (b < 0) {
                throw new IOException("connection closed inside an MLLP frame");
            }
            if (b == END) {
                int next = in.read();
                if (next == CR) {
                    return body.toString(charset);
                }
                throw new IOException("MLLP end block not followed by CR");
            }
            body.write(b);
        }
    }
}
