package se.vardnav.identity;


import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Text from elsewhere (an exception message, a peer's answer, a dead-letter reason) made safe for a console page:
 * anything that looks like a personnummer, phone number or e-mail address is masked, and it is kept short. The
 * hub's own reasons carry no personal data by rule; this is the second line, for text a peer wrote.
 */
public final class SafeText {
    private static final int MAX = 300;
    private static final Pattern PERSONNUMMER = Pattern.compile("(?<![\\w-])(?:\\d{2})?\\d{6}[-+]?\\d{4}(?![\\w-])");
    private static final Pattern PHONE = Pattern.compile("(?<![\\w-])(?:\\+\\d{1,3}|0)\\d[\\d \\-]{5,14}\\d(?![\\w-])");
    private static final Pattern EMAIL = Pattern.compile("[\\w.+-]+@[\\w-]+(\\.[\\w-]+)+");

    private SafeText() {}

    public static String scrub(String text) {
        if (text == null) {
            return null;
        }
        String s = text.replaceAll("[\\r\\n\\t]+", " ").strip();
        s = replace(PERSONNUMMER, s, Masking::personnummer);
        s = replace(EMAIL, s, m -> "***@***");
        s = replace(PHONE, s, Masking::phone);
        return s.length() > MAX ? s.substring(0, MAX - 1) + "…" : s;
    }

    private static String replace(Pattern p, String s, java.util.function.UnaryOperator<String> f) {
        Matcher m = p.matcher(s);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(f.apply(m.group())));
        }
        m.appendTail(out);
        return out.toString();
    }
}
