package se.vardnav.letter.print;

import java.text.Normalizer;
import java.util.Locale;

/** The print list's status filter, with the labels staff know: Att åtgärda (to handle), Historik (handled), Alla. */
public enum PrintStatusFilter {
    TODO("Att åtgärda"),
    HISTORY("Historik"),
    ALL("Alla");

    private final String label;

    PrintStatusFilter(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** Accepts the constant (TODO, HISTORY, ALL) or the Swedish label, in any case; a null or blank value means TODO, as the list opens. */
    public static PrintStatusFilter parse(String value) {
        if (value == null || value.isBlank()) {
            return TODO;
        }
        String wanted = fold(value);
        for (PrintStatusFilter f : values()) {
            if (fold(f.name()).equals(wanted) || fold(f.label).equals(wanted)) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown status filter '" + value + "': use TODO (Att åtgärda), HISTORY (Historik) or ALL (Alla)");
    }

    /** Case, accents and spaces do not matter: "att-atgarda", "Att åtgärda" and "ATT_ÅTGÄRDA" are the same. */
    static String fold(String s) {
        String noAccents = Normalizer.normalize(s.strip(), Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        return noAccents.toLowerCase(Locale.ROOT).replaceAll("[\\s_-]+", "");
    }
}
