package se.vardnav.letter.intake;

import se.vardnav.identity.PatientIdentity;
import se.vardnav.letter.LetterAppointment;
import se.vardnav.document.LetterDocuments;
import se.vardnav.letter.LetterKind;

import java.util.List;
import java.util.Set;

/**
 * A letter as the journal system hands it over, by FHIR or by file drop, before the hub stores it.
 *
 * @param kindHint       the kind when the journal system says it, else null (the control code decides)
 * @param securityLabels the journal's protection flags on the patient (sekretessmarkering, ...), codes only
 * @param appointment    for a kallelse: the appointment it is about, when the journal sent it (else null)
 */
public record IncomingLetter(String source, String sourceLetterId, String documentName, LetterKind kindHint,
                             PatientIdentity patient, String bookingId, String text, Set<String> securityLabels,
                             List<Attachment> attachments, LetterAppointment appointment) {

    /** Without an appointment (the file drop carries none). */
    public IncomingLetter(String source, String sourceLetterId, String documentName, LetterKind kindHint,
                          PatientIdentity patient, String bookingId, String text, Set<String> securityLabels,
                          List<Attachment> attachments) {
        this(source, sourceLetterId, documentName, kindHint, patient, bookingId, text, securityLabels, attachments, null);
    }

    /**
     * One PDF: its content in memory ({@code data}), or already streamed into the document store's staging
     * area ({@code staged}, FHIR intake) and stored only when the letter is accepted.
     */
    public record Attachment(String filename, String contentType, byte[] data, LetterDocuments.Staged staged) {
        public Attachment(String filename, String contentType, byte[] data) {
            this(filename, contentType, data, null);
        }

        public long size() {
            return staged != null ? staged.size() : data.length;
        }

        @Override
        public String toString() {
            return "Attachment[" + size() + " bytes]";
        }
    }

    /** Never the patient, the text or the document name (it may name a diagnosis). */
    @Override
    public String toString() {
        return "IncomingLetter[" + source + "/" + sourceLetterId + "]";
    }
}
