package se.vardnav.journal;

import org.apache.camel.component.mllp.MllpProtocolConstants;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnmappableCharacterException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The bytes of an HL7 v2 message to text, by the character set the message declares (the charset rule of
 * connectors/journal-hl7/README.md):
 * <ul>
 *     <li>MSH-18 set: that character set (HL7 table 0211: {@code UNICODE UTF-8}, {@code 8859/1}, {@code ASCII}, …;
 *     a Java charset name is taken too). Bytes that are not valid in it are refused, never replaced.</li>
 *     <li>MSH-18 empty: the sending application's (MSH-3) configured character set if there is one; otherwise
 *     UTF-8 when the bytes are valid UTF-8, else ISO-8859-1.</li>
 * </ul>
 * In a single-byte ISO 8859 set the bytes 0x80–0x9F are control codes, not text, and refused; and bytes that
 * form valid multi-byte UTF-8 under a single-byte label are refused as mislabelled (they would reach the
 * patient as "UppfÃ¶ljning"). Reasons name positions and character sets, never content. Thread-safe.
 */
public final class Hl7TextDecoder {
    /** What a message became: its text, or why it has none. */
    public sealed interface Result permits Text, Undecodable {}

    /** @param declared how the character set was chosen, for logs and tests ("MSH-18", "sender", "detected") */
    public record Text(String text, Charset charset, String declared) implements Result {}

    public record Undecodable(String reason) implements Result {}

    /** Table 0211 values that MLLP can carry as the hub reads it (ASCII-compatible); camel-mllp's map first. */
    private static final Map<String, Charset> TABLE_0211 = table0211();
    private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private final Map<String, Charset> bySender;

    /** @param charsetBySender MSH-3 (sending application) to a table 0211 value or Java charset name */
    public Hl7TextDecoder(Map<String, String> charsetBySender) {
        Map<String, Charset> map = new HashMap<>();
        charsetBySender.forEach((sender, name) -> {
            Charset cs = charsetOf(name);
            if (cs == null) {
                throw new IllegalArgumentException("character set '" + name + "' configured for sender " + sender
                        + " is not an ASCII-compatible HL7 table 0211 value or Java charset");
            }
            map.put(sender.strip().toUpperCase(Locale.ROOT), cs);
        });
        this.bySender = Map.copyOf(map);
    }

    public Result decode(byte[] message) {
        int start = startsWith(message, UTF8_BOM) ? UTF8_BOM.length : 0;
        String msh18 = Hl7Acks.rawField(header(message, start), 18);
        String sender = Hl7Acks.rawField(header(message, start), 3);
        String charsetField = msh18 == null ? null : msh18.split("~", 2)[0].strip(); // later repetitions are ISO 2022 alternatives
        if (charsetField != null && !charsetField.isEmpty()) {
            Charset declared = charsetOf(charsetField);
            if (declared == null) {
                return new Undecodable("MSH-18: character set '" + printable(charsetField)
                        + "' is not supported; use UNICODE UTF-8 or 8859/1");
            }
            return strictly(message, start, declared, "MSH-18", "MSH-18 says " + printable(charsetField));
        }
        Charset configured = sender == null ? null : bySender.get(senderKey(sender));
        if (configured != null) {
            return strictly(message, start, configured, "sender", "the character set configured for this sender is " + configured.name());
        }
        if (start > 0) {
            return strictly(message, start, StandardCharsets.UTF_8, "detected", "the message starts with a UTF-8 byte order mark");
        }
        if (validUtf8(message, start)) {
            return new Text(new String(message, StandardCharsets.UTF_8), StandardCharsets.UTF_8, "detected");
        }
        return strictly(message, start, StandardCharsets.ISO_8859_1, "detected",
                "MSH-18 is empty and the message is not UTF-8, so it was read as ISO-8859-1");
    }

    private static Result strictly(byte[] message, int start, Charset charset, String how, String context) {
        if (start > 0 && !StandardCharsets.UTF_8.equals(charset)) {
            return new Undecodable(context + " but the message starts with a UTF-8 byte order mark");
        }
        if (singleByteIso8859(charset)) {
            for (int i = start; i < message.length; i++) {
                int b = message[i] & 0xFF;
                if (b >= 0x80 && b <= 0x9F) {
                    return new Undecodable(context + ", but byte 0x" + Integer.toHexString(b).toUpperCase(Locale.ROOT)
                            + " at position " + (i - start) + " is a control code in " + charset.name() + ", not a character");
                }
            }
            int utf8 = firstUtf8Sequence(message, start);
            if (utf8 >= 0 && validUtf8(message, start)) {
                return new Undecodable(context + ", but the message is UTF-8 (a UTF-8 sequence at position " + (utf8 - start)
                        + "); declare MSH-18 = UNICODE UTF-8");
            }
        }
        CharsetDecoder decoder = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(message, start, message.length - start);
        try {
            CharBuffer text = decoder.decode(in);
            return new Text(text.toString(), charset, how);
        } catch (MalformedInputException | UnmappableCharacterException e) {
            return new Undecodable(context + ", but the byte at position " + (in.position() - start) + " is not valid " + charset.name());
        } catch (CharacterCodingException e) {
            return new Undecodable(context + ", but the bytes are not valid " + charset.name());
        }
    }

    /** The first segment, read as ISO-8859-1: MSH-1 to MSH-18 are ASCII in every character set the hub accepts. */
    private static String header(byte[] message, int start) {
        int end = start;
        while (end < message.length && message[end] != '\r' && message[end] != '\n') {
            end++;
        }
        return new String(message, start, end - start, StandardCharsets.ISO_8859_1);
    }

    /** A table 0211 value (any case), or a Java charset name; null if neither or not ASCII-compatible. */
    static Charset charsetOf(String name) {
        String key = name.strip().toUpperCase(Locale.ROOT);
        Charset cs = TABLE_0211.get(key);
        if (cs != null) {
            return cs;
        }
        try {
            cs = Charset.isSupported(key) ? Charset.forName(key) : null;
        } catch (IllegalCharsetNameException e) {
            return null;
        }
        return cs != null && asciiCompatible(cs) ? cs : null;
    }

    private static Map<String, Charset> table0211() {
        Map<String, Charset> map = new HashMap<>();
        MllpProtocolConstants.MSH18_VALUES.forEach((k, v) -> {
            if (asciiCompatible(v)) { // UNICODE UTF-16/-32: MSH itself would not be ASCII, the hub cannot read it
                map.put(k.toUpperCase(Locale.ROOT), v);
            }
        });
        map.put("ISO IR6", StandardCharsets.US_ASCII);
        map.put("GB 18030-2000", Charset.forName("GB18030"));
        map.put("KS X 1001", Charset.forName("EUC-KR"));
        map.put("BIG-5", Charset.forName("Big5"));
        return Map.copyOf(map);
    }

    private static boolean asciiCompatible(Charset cs) {
        byte[] probe = "MSH|^~\\&".getBytes(StandardCharsets.US_ASCII);
        return cs.canEncode() && "MSH|^~\\&".equals(new String(probe, cs));
    }

    private static boolean singleByteIso8859(Charset cs) {
        return cs.name().startsWith("ISO-8859-");
    }

    private static String senderKey(String msh3) {
        return msh3.split("\\^", 2)[0].strip().toUpperCase(Locale.ROOT);
    }

    static boolean validUtf8(byte[] message, int start) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(message, start, message.length - start));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    /** Index of the first byte that starts a multi-byte UTF-8 sequence with a continuation byte after it, or -1. */
    private static int firstUtf8Sequence(byte[] m, int start) {
        for (int i = start; i + 1 < m.length; i++) {
            int b = m[i] & 0xFF;
            if (b >= 0xC2 && b <= 0xF4 && (m[i + 1] & 0xC0) == 0x80) {
                return i;
            }
        }
        return -1;
    }

    private static boolean startsWith(byte[] m, byte[] prefix) {
        if (m.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (m[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /** A declared value quoted back to the sender: printable ASCII only, short. */
    private static String printable(String s) {
        String p = s.replaceAll("[^\\x20-\\x7E]", "?");
        return p.length() <= 20 ? p : p.substring(0, 20) + "…";
    }
}
