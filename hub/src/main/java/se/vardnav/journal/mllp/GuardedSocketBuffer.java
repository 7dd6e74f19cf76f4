package se.vardnav.journal.mllp;

import org.apache.camel.component.mllp.MllpEndpoint;
import org.apache.camel.component.mllp.MllpProtocolConstants;
import org.apache.camel.component.mllp.MllpSocketException;
import org.apache.camel.component.mllp.internal.MllpSocketBuffer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * camel-mllp's read buffer for one connection, with the edge cases decided by the hub instead of by camel-mllp
 * (which would log the bytes and go on):
 * <ul>
 *     <li>bytes before a start block (no MLLP framing) — camel-mllp discards them through
 *     {@link #toPrintFriendlyStringAndReset()}, logging them: here they get an AR saying so, and the connection
 *     is closed;</li>
 *     <li>a message over the size limit — camel-mllp's buffer stops at {@code maxBufferSize} with an
 *     IllegalStateException (on its validation thread the socket would stay open, unanswered): here the rest
 *     of the frame is read and dropped, and the sender gets an AR stating the limit;</li>
 *     <li>no message for the idle timeout — the connection is closed (counted), so idle peers cannot hold slots;</li>
 *     <li>a text of the bytes for a log line is their count, never the bytes.</li>
 * </ul>
 */
final class GuardedSocketBuffer extends MllpSocketBuffer {
    private static final byte START = MllpProtocolConstants.START_OF_BLOCK;
    private static final byte END = MllpProtocolConstants.END_OF_BLOCK;
    private static final byte CR = MllpProtocolConstants.END_OF_DATA;

    private final MllpConnections.Connection connection;
    private final EdgeAnswers answers;
    private final int limit;
    private final long idleTimeoutNanos;

    /** Thrown out of camel-mllp's read loop when it would discard unframed bytes. */
    private static final class UnframedBytes extends RuntimeException {
        private final byte[] bytes;

        UnframedBytes(byte[] bytes) {
            super(null, null, false, false);
            this.bytes = bytes;
        }
    }

    GuardedSocketBuffer(MllpEndpoint endpoint, MllpConnections.Connection connection, EdgeAnswers answers,
                        int limitBytes, long idleTimeoutNanos) {
        super(endpoint);
        this.connection = connection;
        this.answers = answers;
        this.limit = limitBytes;
        this.idleTimeoutNanos = idleTimeoutNanos;
    }

    @Override
    public synchronized void readFrom(Socket socket, int receiveTimeout, int readTimeout)
            throws MllpSocketException, SocketTimeoutException {
        connection.waiting();
        try {
            super.readFrom(socket, receiveTimeout, readTimeout);
        } catch (UnframedBytes unframed) {
            connection.closing(MllpConnections.Closing.UNFRAMED, unframed.bytes.length + " bytes without MLLP framing"
                    + " (0x0B … 0x1C 0x0D); answered with AR");
            answerAndClose(socket, answers.unframed(firstSegment(unframed.bytes, 0)));
            throw new MllpSocketException("bytes without MLLP framing; connection closed");
        } catch (IllegalStateException bufferFull) {
            // camel-mllp's ensureCapacity: the frame outgrew maxBufferSize, i.e. the size limit
            skipOversized(socket, readTimeout);
        } catch (SocketTimeoutException timeout) {
            if (!isEmpty()) {
                // camel-mllp resets the connection after this; the sender gets no ACK and resends
                connection.closing(MllpConnections.Closing.INCOMPLETE_FRAME, "a message stopped arriving for "
                        + readTimeout + " ms before its end (0x1C 0x0D)");
            } else if (connection.idleNanos() >= idleTimeoutNanos) {
                connection.closing(MllpConnections.Closing.IDLE, "no message for "
                        + java.time.Duration.ofNanos(connection.idleNanos()).toSeconds() + " s");
                closeQuietly(socket);
                throw new MllpSocketException("idle connection closed");
            }
            throw timeout;
        }
        connection.processing();
        if (payloadLength() > limit) { // complete, but over the limit by less than one read
            refuseOversized(socket, toByteArray());
        }
        if (hasOutOfBandData()) { // camel-mllp drops them; its own log line would show them
            connection.outOfBand();
        }
    }

    /**
     * Reads the rest of an oversized frame into nothing, then answers AR and keeps the connection; a frame that
     * does not end (within 16 times the limit, or pauses longer than the read timeout) closes it.
     */
    private void skipOversized(Socket socket, int readTimeout) throws MllpSocketException, SocketTimeoutException {
        byte[] head = toByteArray();
        reset();
        if (head == null) {
            head = new byte[0];
        }
        int start = indexOf(head, START);
        connection.oversized();
        int[] previous = {0};
        boolean ended = endsFrame(head, start + 1, head.length, previous) || skipToFrameEnd(socket, readTimeout, head.length, previous);
        if (ended && answer(socket, answers.oversized(firstSegment(head, start + 1), limit))) {
            connection.oversizedAnswered(limit);
            connection.processing(); // the sender is alive: its idle time starts again
            connection.waiting();
            // an empty buffer and a timeout: camel-mllp goes on waiting for the next message on this connection
            throw new SocketTimeoutException("oversized message answered with AR");
        }
        connection.closing(MllpConnections.Closing.OVERSIZED, "a message over " + limit + " bytes did not end");
        closeQuietly(socket);
        throw new MllpSocketException("oversized message; connection closed");
    }

    /** Reads and drops bytes until 0x1C 0x0D; false if the frame does not end within 16 times the limit or stalls. */
    private boolean skipToFrameEnd(Socket socket, int readTimeout, long alreadyRead, int[] previous) {
        long room = Math.max(64L << 20, 16L * limit);
        try {
            socket.setSoTimeout(readTimeout);
            InputStream in = socket.getInputStream();
            byte[] chunk = new byte[16_384];
            for (long read = alreadyRead; read < room; ) {
                int n = in.read(chunk);
                if (n < 0) {
                    return false;
                }
                read += n;
                if (endsFrame(chunk, 0, n, previous)) {
                    return true;
                }
            }
        } catch (IOException stalledOrGone) {
            // a pause longer than the read timeout, or the sender went away
        }
        return false;
    }

    private static boolean answer(Socket socket, String ack) {
        try {
            socket.getOutputStream().write(frame(ack));
            socket.getOutputStream().flush();
            return true;
        } catch (IOException gone) {
            return false;
        }
    }

    /** The message between the start block and 0x1C, once complete. */
    private int payloadLength() {
        return hasCompleteEnvelope() ? getEndOfBlockIndex() - getStartOfBlockIndex() - 1 : 0;
    }

    /** A complete message over the limit: AR, and the connection goes on. */
    private void refuseOversized(Socket socket, byte[] message) throws MllpSocketException, SocketTimeoutException {
        reset();
        connection.oversized();
        int start = indexOf(message, START);
        if (answer(socket, answers.oversized(firstSegment(message, start + 1), limit))) {
            connection.oversizedAnswered(limit);
            connection.waiting();
            throw new SocketTimeoutException("oversized message answered with AR");
        }
        closeQuietly(socket);
        throw new MllpSocketException("oversized message; the sender left before its AR");
    }

    /** Whether 0x1C 0x0D occurs in b[from, to); previous[0] carries the last byte across calls. */
    private static boolean endsFrame(byte[] b, int from, int to, int[] previous) {
        for (int i = Math.max(from, 0); i < to; i++) {
            if (previous[0] == END && b[i] == CR) {
                return true;
            }
            previous[0] = b[i];
        }
        return false;
    }

    /** camel-mllp calls this when it throws bytes away that came before a start block. */
    @Override
    public String toPrintFriendlyStringAndReset() {
        byte[] dropped = toByteArray();
        reset();
        if (dropped != null && !blank(dropped)) {
            throw new UnframedBytes(dropped);
        }
        return redacted(dropped);
    }

    @Override
    public synchronized String toPrintFriendlyString() {
        return redacted(toByteArray());
    }

    @Override
    public synchronized String toPrintFriendlyHl7String() {
        return redacted(toByteArray());
    }

    private static String redacted(byte[] bytes) {
        return "[" + (bytes == null ? 0 : bytes.length) + " bytes, not logged]";
    }

    /** Line breaks between frames are tolerated: some senders end a frame with CR LF. */
    private static boolean blank(byte[] bytes) {
        for (byte b : bytes) {
            if (b != '\r' && b != '\n' && b != ' ' && b != '\t' && b != 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * Writes the answer, ends the output, lets the sender's remaining bytes drain briefly (closing on unread
     * bytes would reset the connection and could destroy the answer in flight), then closes.
     */
    private static void answerAndClose(Socket socket, String ack) {
        try {
            socket.getOutputStream().write(frame(ack));
            socket.getOutputStream().flush();
            socket.shutdownOutput();
            socket.setSoTimeout(500);
            InputStream in = socket.getInputStream();
            byte[] sink = new byte[8192];
            for (int total = 0; total < (1 << 20); ) {
                int n = in.read(sink);
                if (n < 0) {
                    break;
                }
                total += n;
            }
        } catch (IOException ignored) {
            // timed out draining, or the peer is gone: close anyway
        }
        closeQuietly(socket);
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    static byte[] frame(String ack) {
        byte[] body = ack.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + 3);
        out.write(START);
        out.writeBytes(body);
        out.write(END);
        out.write(CR);
        return out.toByteArray();
    }

    /** The bytes from {@code from} to the first segment end (at most 2 KiB), as ISO-8859-1: MSH for the ACK. */
    private static String firstSegment(byte[] bytes, int from) {
        if (bytes == null || from < 0) {
            return "";
        }
        int end = from;
        while (end < bytes.length && end - from < 2048 && bytes[end] != '\r' && bytes[end] != '\n') {
            end++;
        }
        return new String(bytes, from, end - from, StandardCharsets.ISO_8859_1);
    }

    private static int indexOf(byte[] bytes, byte b) {
        for (int i = 0; bytes != null && i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }
}
