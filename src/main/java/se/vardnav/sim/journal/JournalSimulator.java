package se.vardnav.sim.journal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Plays the journal system: sends HL7 v2 over MLLP (0x0B … 0x1C 0x0D) on one kept-open socket, as journal
 * systems do, and waits for the ACK. Reconnects on the next send after a failure. Thread-safe (one at a time).
 */
public final class JournalSimulator implements AutoCloseable {
    static final int START = 0x0B;
    static final int END = 0x1C;
    static final int CR = 0x0D;

    private final String host;
    private final int port;
    private final Duration timeout;
    private final Charset charset;
    private Socket socket;

    public JournalSimulator(String host, int port) {
        this(host, port, Duration.ofSeconds(10), StandardCharsets.UTF_8);
    }

    /** The charset must match MSH-18 of the messages (SiuMessages writes UNICODE UTF-8). */
    public JournalSimulator(String host, int port, Duration timeout, Charset charset) {
        this.host = host;
        this.port = port;
        this.timeout = timeout;
        this.charset = charset;
    }

    /** Sends one message and blocks until its ACK arrives or the timeout passes (then IOException). */
    public synchronized String send(String er7) throws IOException {
        try {
            Socket s = connection();
            OutputStream out = s.getOutputStream();
            out.write(frame(er7, charset));
            out.flush();
            return readFrame(s.getInputStream(), charset);
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
            s.connect(new InetSocketAddress(host, port), (int) timeout.toMillis());
            s.setSoTimeout((int) timeout.toMillis());
            s.setTcpNoDelay(true);
            socket = s;
        }
        return socket;
    }

    /** MLLP frame around an ER7 message. */
    public static byte[] frame(String er7, Charset charset) {
        byte[] body = er7.getBytes(charset);
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
