package se.vardnav.notification.sms;

import se.vardnav.connector.sms.Splitting;

import java.util.Objects;

/**
 * How a message text goes out as SMS: GSM 03.38 7-bit when every character is in its tables, otherwise UCS-2,
 * and in how many segments. {@link #toString()} leaves the text out, as it may hold patient data.
 */
public final class SmsText {
    public enum Encoding { GSM7, UCS2 }

    /** GSM 03.38 basic table in code order, 16 a row; 0x1B is the escape to the extension table. */
    static final String GSM_BASIC =
            "@£$¥èéùìòÇ\nØø\rÅå"
            + "Δ_ΦΓΛΩΠΨΣΘΞ\u001BÆæßÉ"
            + " !\"#¤%&'()*+,-./"
            + "0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNO"
            + "PQRSTUVWXYZÄÖÑÜ§"
            + "¿abcdefghijklmno"
            + "pqrstuvwxyzäöñüà";
    /** GSM 03.38 extension table: each costs ESC plus itself, two septets. */
    static final String GSM_EXTENSION = "\f^{}\\[~]|€";
    private static final char ESC = '\u001B';

    private final String text;
    private final Encoding encoding;
    private final int units;
    private final int segments;

    private SmsText(String text, Encoding encoding, int units, int segments) {
        this.text = text;
        this.encoding = encoding;
        this.units = units;
        this.segments = segments;
    }

    /** Counted as a gateway that never splits a character does it. */
    public static SmsText of(String text) {
        return of(text, Splitting.WHOLE_CHARACTERS);
    }

    /** Counted as the gateway will split it: GSM-7 escapes always stay whole; UCS-2 by characters or by octets. */
    public static SmsText of(String text, Splitting splitting) {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(splitting, "splitting");
        int[] costs = gsm7Costs(text);
        if (costs != null) {
            return new SmsText(text, Encoding.GSM7, sum(costs), segments(costs, 160, 153));
        }
        int[] units = splitting == Splitting.UCS2_BY_OCTETS ? codeUnits(text) : ucs2Costs(text);
        return new SmsText(text, Encoding.UCS2, text.length(), segments(units, 70, 67));
    }

    public String text() {
        return text;
    }

    public Encoding encoding() {
        return encoding;
    }

    /** Septets for GSM-7, UTF-16 code units for UCS-2. */
    public int units() {
        return units;
    }

    /** At least 1: an empty message is still one SMS. */
    public int segments() {
        return segments;
    }

    public SmsText requireAtMost(int maxSegments) throws SmsTooLongException {
        if (maxSegments < 1) {
            throw new IllegalArgumentException("maxSegments must be at least 1");
        }
        if (segments > maxSegments) {
            throw new SmsTooLongException(segments, maxSegments);
        }
        return this;
    }

    @Override
    public String toString() {
        return "SmsText[" + encoding + ", " + units + " units, " + segments + " segments]";
    }

    /** Septets per character, or null if some character is outside GSM 03.38. */
    private static int[] gsm7Costs(String text) {
        int[] costs = new int[text.length()];
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != ESC && GSM_BASIC.indexOf(c) >= 0) {
                costs[i] = 1;
            } else if (GSM_EXTENSION.indexOf(c) >= 0) {
                costs[i] = 2;
            } else {
                return null;
            }
        }
        return costs;
    }

    /** Each UTF-16 code unit on its own: two octets, cut wherever the part is full. */
    private static int[] codeUnits(String text) {
        int[] units = new int[text.length()];
        java.util.Arrays.fill(units, 1);
        return units;
    }

    /** Code units per code point, so a surrogate pair (an emoji) is one indivisible item of 2. */
    private static int[] ucs2Costs(String text) {
        return text.codePoints().map(Character::charCount).toArray();
    }

    /**
     * Packs items into parts without splitting one, as senders do: an ESC pair or a surrogate pair cut at a
     * boundary would arrive as garbage, so it moves whole into the next part.
     */
    private static int segments(int[] costs, int single, int part) {
        if (sum(costs) <= single) {
            return 1;
        }
        int parts = 1;
        int used = 0;
        for (int cost : costs) {
            if (used + cost > part) {
                parts++;
                used = 0;
            }
            used += cost;
        }
        return parts;
    }

    private static int sum(int[] costs) {
        int total = 0;
        for (int cost : costs) {
            total += cost;
        }
        return total;
    }
}
