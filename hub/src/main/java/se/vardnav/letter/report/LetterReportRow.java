package se.vardnav.letter.report;

import se.vardnav.letter.LetterKind;

import java.time.Instant;

/**
 * One letter in the status report (Status i AÖ). The patient is masked when the row is read: the
 * report never carries a full personnummer (see README, "Letter status report").
 *
 * @param platformStatus NONE (not sent to the platform), DELIVERED (Ej läst) or OPENED
 * @param mailbox        the digital mailbox operator that received it, or null (Nej)
 * @param printStatus    null when not on the print list, else TODO or HANDLED
 * @param mailboxNote    why it did not go to the patient's digital mailbox although one was found (e.g. over
 *                       Kivra's 1 MB), else null
 * @param printReason    why it is on the print list (e.g. the platform refused it or failed it too often), or null
 */
public record LetterReportRow(String letterId, Instant createdAt, String patient, String documentName, LetterKind kind,
                              String source, String sourceLetterId, String platformStatus, Instant platformOpenedAt,
                              String mailbox, Instant mailboxDeliveredAt, boolean onPrintList, String printStatus,
                              Instant printHandledAt, String mailboxNote, String printReason) {

    public LetterReportRow(String letterId, Instant createdAt, String patient, String documentName, LetterKind kind,
                           String source, String sourceLetterId, String platformStatus, Instant platformOpenedAt,
                           String mailbox, Instant mailboxDeliveredAt, boolean onPrintList, String printStatus,
                           Instant printHandledAt) {
        this(letterId, createdAt, patient, documentName, kind, source, sourceLetterId, platformStatus, platformOpenedAt,
                mailbox, mailboxDeliveredAt, onPrintList, printStatus, printHandledAt, null, null);
    }

    public static final String OPENED = "OPENED";
    public static final String DELIVERED = "DELIVERED";
}
