package se.vardnav.visit;

/**
 * What the journal system has been sent of one visit: started (A04), ended (A03), how many handovers (A08),
 * and the hash of the note last sent (T02/T10). Stored as one short line ({@link #format}).
 */
public record VisitState(boolean started, boolean ended, int handovers, String noteHash) {
    public static final VisitState NOTHING = new VisitState(false, false, 0, "");

    public String format() {
        return (started ? "S" : "-") + (ended ? "E" : "-") + ";" + handovers + ";" + noteHash;
    }

    public static VisitState parse(String text) {
        String[] parts = text.split(";", -1);
        return new VisitState(parts[0].charAt(0) == 'S', parts[0].charAt(1) == 'E', Integer.parseInt(parts[1]), parts[2]);
    }
}
