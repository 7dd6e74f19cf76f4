package se.vardnav.identity;

/** Masks personal data for logs and operator screens: enough to recognise a row, not to identify a person. */
public final class Masking {
    private Masking() {}

    /** {@code 191212121212 → 19121212****}, {@code 19121212-1212 → 19121212-****}: the last four digits go. */
    public static String personnummer(String value) {
        if (value == null) {
            return null;
        }
        return maskTail(value, 4);
    }

    /** {@code +46701234512 → +4670*****12}, {@code 0701234512 → 070*****12}: operator prefix and last two kept. */
    public static String phone(String value) {
        if (value == null) {
            return null;
        }
        String s = value.replaceAll("[\\s()-]", "");
        int head = s.startsWith("+") ? 5 : 3;
        if (s.length() <= head + 2) {
            return "*".repeat(s.length());
        }
        return s.substring(0, head) + "*".repeat(s.length() - head - 2) + s.substring(s.length() - 2);
    }

    /** {@code Anna Svensson → A*** S***}: a fixed mask so that the length of a name is not revealed either. */
    public static String name(String value) {
        if (value == null) {
            return null;
        }
        StringBuilder out = new StringBuilder();
        for (String word : value.strip().split("\\s+")) {
            if (word.isEmpty()) {
                continue;
            }
            if (out.length() > 0) {
                out.append(' ');
            }
            out.appendCodePoint(word.codePointAt(0)).append("***");
        }
        return out.toString();
    }

    /** Replaces the last {@code n} letters or digits, keeping separators such as '-'. */
    private static String maskTail(String value, int n) {
        char[] c = value.toCharArray();
        for (int i = c.length - 1; i >= 0 && n > 0; i--) {
            if (Character.isLetterOrDigit(c[i])) {
                c[i] = '*';
                n--;
            }
        }
        return new String(c);
    }
}
