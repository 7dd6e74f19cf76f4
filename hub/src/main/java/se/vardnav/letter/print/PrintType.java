package se.vardnav.letter.print;

/** The print list's types, with the labels staff know from Utskriftslistan. */
public enum PrintType {
    BREV_INVANARE("Brev invånare"),
    KALLELSER_INVANARE("Kallelser invånare"),
    REMISSBEKRAFTELSER_INVANARE("Remissbekräftelser invånare"),
    OVRIGA("Övriga");

    private final String label;

    PrintType(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** Accepts the constant (BREV_INVANARE) or the label staff see ("Brev invånare"), in any case. */
    public static PrintType parse(String value) {
        String wanted = value == null ? "" : PrintStatusFilter.fold(value);
        for (PrintType t : values()) {
            if (PrintStatusFilter.fold(t.name()).equals(wanted) || PrintStatusFilter.fold(t.label).equals(wanted)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown print type '" + value
                + "': use BREV_INVANARE, KALLELSER_INVANARE, REMISSBEKRAFTELSER_INVANARE or OVRIGA (or their labels)");
    }
}
