package se.vardnav.letter.print;

import java.time.Instant;

/**
 * One row of the print list as staff see it. The patient is masked here already: the full number
 * never leaves the database through the list (staff find the patient in the journal system).
 *
 * @param documentDate when the letter was created in the journal flow (Dokumentdatum)
 * @param createdAt    when it was put on the print list
 */
public record PrintItem(long id, String letterId, Instant createdAt, PrintType type, String typeLabel,
                        String documentName, Instant documentDate, String patient, String source, String reason,
                        String status, String statusLabel, String handledBy, Instant handledAt) {

    public boolean handled() {
        return PrintList.HANDLED.equals(status);
    }
}
