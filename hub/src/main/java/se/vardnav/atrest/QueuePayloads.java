package se.vardnav.atrest;

import se.vardnav.privacy.DataCipher;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import se.vardnav.broker.HubHeaders;
import se.vardnav.deadletter.DeadLetterKeys;

/**
 * Queue bodies that carry personal data are sealed ({@link DataCipher}) by the one route that writes the queue and
 * opened by the route that consumes it (routes/*.yaml: {@code queuePayloads.seal} before the send,
 * {@code queuePayloads.open} first thing). So the broker journal and every dead-letter queue hold them encrypted,
 * a dead letter is replayed as it is, and its business keys (booking id, letter id, notice key) travel beside it as
 * clear headers for the console's search: ids, never personal data. Headers of the hub hold only ids.
 */
public class QueuePayloads {
    static final String SEALED = HubHeaders.SEALED;
    static final String KEY_ID = HubHeaders.KEY_ID;
    private final DataCipher cipher;

    public QueuePayloads(DataCipher cipher) {
        this.cipher = cipher;
    }

    /** Seals the body for the broker; a body already sealed (a stored reminder, a dead letter) only gets its headers. */
    public void seal(Exchange exchange) {
        Message m = exchange.getMessage();
        if (m.getHeader(SEALED) != null) {
            return;
        }
        Object body = m.getBody();
        if (body == null) {
            return;
        }
        String sealed;
        String clearText;
        String kind = "text";
        if (body instanceof byte[] bytes) {
            sealed = cipher.sealBytes(bytes);
            clearText = null;
            kind = "bytes";
        } else {
            String text = m.getBody(String.class);
            if (DataCipher.isSealed(text)) {
                sealed = text;
                clearText = cipher.open(text);
            } else {
                sealed = cipher.seal(text);
                clearText = text;
            }
        }
        keysBeside(m, clearText);
        m.setHeader(SEALED, kind);
        m.setHeader(KEY_ID, DataCipher.keyIdOf(sealed));
        m.setBody(sealed);
    }

    /** Opens a sealed body into what it was (text or bytes); a body that is not sealed is left as it is. */
    public void open(Exchange exchange) {
        Message m = exchange.getMessage();
        String kind = m.getHeader(SEALED, String.class);
        if (kind == null) {
            return;
        }
        String sealed = m.getBody(String.class);
        m.setBody("bytes".equals(kind) ? cipher.openBytes(sealed) : cipher.open(sealed));
        m.removeHeader(SEALED);
        m.removeHeader(KEY_ID);
    }

    /** The business keys the clear body carries, as headers, so a dead letter stays findable without opening it. */
    private static void keysBeside(Message m, String clearText) {
        DeadLetterKeys keys = DeadLetterKeys.of(m.getHeader(HubHeaders.BOOKING_ID, String.class), clearText);
        if (keys.bookingId() != null && m.getHeader(HubHeaders.BOOKING_ID) == null) {
            m.setHeader(HubHeaders.BOOKING_ID, keys.bookingId());
        }
        if (keys.smsKey() != null) {
            m.setHeader(HubHeaders.NOTICE_KEY, keys.smsKey());
        }
    }
}
