package se.vardnav.letter.print;

import java.time.Instant;

/** One line of the print log (Utskriftslogg): who did what to which row, and when. Patient masked. */
public record PrintLogEntry(long id, Instant at, String actor, String action, long printItemId, String letterId,
                            PrintType type, String documentName, String patient) {

    /** What can happen to a row of the print list. */
    public enum Action { PRINTED, HANDLED, UNDONE }
}
