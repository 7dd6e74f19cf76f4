package se.vardnav.support.kannel;

import java.io.ByteArrayOutputStream;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What Kannel's {@code fakesmsc} received, read from its output lines ({@code Got message N: <from to type ...>}),
 * with concatenated parts (UDH 05 00 03 ref total seq) put back together as a phone would.
 */
public final class FakeSmscLog {
    /** One SMS as the phone shows it, and in how many parts it came. */
    public record Sms(String from, String to, String text, int parts) {
        @Override
        public String toString() {
            return "Sms[parts=" + parts + ", length=" + text.length() + "]";
        }
    }

    private static final Pattern LINE = Pattern.compile("Got message \\d+: <(.*)>\\s*$");
    private final List<Sms> complete = new CopyOnWriteArrayList<>();
    private final Map<String, byte[][]> partial = new HashMap<>();

    public List<Sms> received() {
        return List.copyOf(complete);
    }

    /** One line of fakesmsc's output; lines that are not a received message are ignored. */
    public synchronized void accept(String line) {
        Matcher m = LINE.matcher(line);
        if (!m.find()) {
            return;
        }
        String[] f = m.group(1).split(" ", 4);
        if (f.length < 4) {
            return;
        }
        String from = f[0];
        String to = f[1];
        switch (f[2]) {
            case "text" -> complete.add(new Sms(from, to, f[3], 1));
            case "data" -> complete.add(new Sms(from, to, decode(bytes(f[3])), 1));
            case "ucs-2" -> complete.add(new Sms(from, to, new String(bytes(f[3]), StandardCharsets.UTF_16BE), 1));
            case "udh" -> part(from, to, f[3]);
            default -> { }
        }
    }

    private void part(String from, String to, String rest) {
        // "<udh> data <data>"
        String[] p = rest.split(" ", 3);
        byte[] udh = bytes(p[0]);
        byte[] data = p.length == 3 ? bytes(p[2]) : new byte[0];
        if (udh.length < 6 || udh[1] != 0 || udh[2] != 3) {
            complete.add(new Sms(from, to, decode(data), 1));
            return;
        }
        int ref = udh[3] & 0xff;
        int total = udh[4] & 0xff;
        int seq = udh[5] & 0xff;
        String id = to + "/" + ref + "/" + total;
        byte[][] parts = partial.computeIfAbsent(id, k -> new byte[total][]);
        parts[seq - 1] = data;
        for (byte[] b : parts) {
            if (b == null) {
                return;
            }
        }
        partial.remove(id);
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (byte[] b : parts) {
            all.writeBytes(b);
        }
        complete.add(new Sms(from, to, decode(all.toByteArray()), total));
    }

    /**
     * smsbox keeps a GSM text as UTF-8 and a UCS-2 one as UTF-16BE, and a part line does not say which: UTF-8 it
     * is when the bytes are valid UTF-8 without NUL (UTF-16 of any Latin text has NULs; of an emoji, invalid UTF-8).
     */
    private static String decode(byte[] b) {
        boolean nul = false;
        for (byte x : b) {
            nul |= x == 0;
        }
        if (!nul) {
            try {
                return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b)).toString();
            } catch (CharacterCodingException e) {
                // UTF-16 then
            }
        }
        return new String(b, StandardCharsets.UTF_16BE);
    }

    private static byte[] bytes(String urlEncoded) {
        return URLDecoder.decode(urlEncoded, StandardCharsets.ISO_8859_1).getBytes(StandardCharsets.ISO_8859_1);
    }
}
