package se.vardnav.sim.smpp;

import org.jsmpp.bean.Alphabet;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.bean.SubmitSm;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns submit_sm PDUs into whole messages: strips the UDH (or reads SAR TLVs), waits for all
 * parts of a concatenated message, then decodes by data_coding. message_payload is used when
 * short_message is empty.
 */
final class SubmitAssembler {
    private record Part(int ref, int total, int seq, byte[] data) { }

    private static final class Pending {
        final byte[][] parts;
        final String[] ids;
        int count;

        Pending(int total) {
            parts = new byte[total][];
            ids = new String[total];
        }
    }

    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    /** data_coding 0 means "SMSC default alphabet"; camel-smpp sends it in its encoding, ISO-8859-1 by default. */
    private volatile Charset defaultAlphabet = StandardCharsets.ISO_8859_1;

    void setDefaultAlphabet(Charset charset) {
        defaultAlphabet = charset;
    }

    void clear() {
        pending.clear();
    }

    /** The complete message once its last part arrived, else empty. */
    Optional<SmppReceived> add(SubmitSm sm, String messageId) {
        Part part = part(sm);
        int dc = sm.getDataCoding() & 0xFF;
        if (part.total <= 1) {
            return Optional.of(record(sm, List.of(messageId), part.data, dc, 1));
        }
        String key = sm.getSourceAddr() + '|' + sm.getDestAddress() + '|' + part.ref + '|' + part.total;
        Pending p = pending.computeIfAbsent(key, k -> new Pending(part.total));
        synchronized (p) {
            int i = part.seq - 1;
            if (i < 0 || i >= part.total || p.parts[i] != null) {
                return Optional.empty(); // out of range or duplicate part: ignore, like a lenient SMSC
            }
            p.parts[i] = part.data;
            p.ids[i] = messageId;
            if (++p.count < part.total) {
                return Optional.empty();
            }
            pending.remove(key);
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            Arrays.stream(p.parts).forEach(all::writeBytes);
            // Decode after joining: a UCS-2 split may fall inside a surrogate pair.
            return Optional.of(record(sm, List.of(p.ids), all.toByteArray(), dc, part.total));
        }
    }

    /** The first characters of one part, for the receipt's text: field. */
    String preview(SubmitSm sm, int chars) {
        String text = decode(part(sm).data, sm.getDataCoding());
        return text.length() <= chars ? text : text.substring(0, chars);
    }

    private SmppReceived record(SubmitSm sm, List<String> ids, byte[] data, int dc, int segments) {
        return new SmppReceived(ids, sm.getSourceAddr(), sm.getDestAddress(), decode(data, (byte) dc),
                dc, segments, Instant.now());
    }

    private static Part part(SubmitSm sm) {
        byte[] data = sm.getShortMessage() == null ? new byte[0] : sm.getShortMessage();
        if (data.length == 0) {
            OptionalParameter payload = sm.getOptionalParameter(OptionalParameter.Tag.MESSAGE_PAYLOAD);
            if (payload instanceof OptionalParameter.OctetString os) {
                data = os.getValue();
            }
        }
        if (sm.isUdhi() && data.length > 0) {
            return fromUdh(data);
        }
        if (sm.getOptionalParameter(OptionalParameter.Tag.SAR_MSG_REF_NUM) instanceof OptionalParameter.Short ref
                && sm.getOptionalParameter(OptionalParameter.Tag.SAR_TOTAL_SEGMENTS) instanceof OptionalParameter.Byte total
                && sm.getOptionalParameter(OptionalParameter.Tag.SAR_SEGMENT_SEQNUM) instanceof OptionalParameter.Byte seq) {
            return new Part(ref.getValue() & 0xFFFF, total.getValue() & 0xFF, seq.getValue() & 0xFF, data);
        }
        return new Part(0, 1, 1, data);
    }

    private static Part fromUdh(byte[] data) {
        int udhl = data[0] & 0xFF;
        int ref = 0;
        int total = 1;
        int seq = 1;
        for (int i = 1; i + 1 <= udhl && i + 1 < data.length; ) {
            int iei = data[i] & 0xFF;
            int len = data[i + 1] & 0xFF;
            int v = i + 2;
            if (iei == 0x00 && len == 3) {          // concatenation, 8-bit reference
                ref = data[v] & 0xFF;
                total = data[v + 1] & 0xFF;
                seq = data[v + 2] & 0xFF;
            } else if (iei == 0x08 && len == 4) {   // concatenation, 16-bit reference
                ref = ((data[v] & 0xFF) << 8) | (data[v + 1] & 0xFF);
                total = data[v + 2] & 0xFF;
                seq = data[v + 3] & 0xFF;
            }
            i = v + len;
        }
        int start = Math.min(udhl + 1, data.length);
        return new Part(ref, total, seq, Arrays.copyOfRange(data, start, data.length));
    }

    private String decode(byte[] data, byte dataCoding) {
        Alphabet alphabet;
        try {
            alphabet = Alphabet.parseDataCoding(dataCoding);
        } catch (IllegalArgumentException e) {
            alphabet = Alphabet.ALPHA_8_BIT;
        }
        Charset charset = switch (alphabet) {
            case ALPHA_DEFAULT -> defaultAlphabet;
            case ALPHA_IA5 -> StandardCharsets.US_ASCII;
            case ALPHA_UCS2 -> StandardCharsets.UTF_16BE;
            default -> StandardCharsets.ISO_8859_1;
        };
        return new String(data, charset);
    }
}
