package se.vardnav.letter;

import se.vardnav.document.LetterDocuments;
import se.vardnav.identity.IdentityKind;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/** A letter as the hub holds it (table {@code letter}); its PDFs are references into {@link LetterDocuments}. */
public record Letter(String id, String source, String sourceLetterId, LetterKind kind, String documentName,
                     IdentityKind patientKind, String patientId, String bookingId, Instant createdAt, String text,
                     Set<String> securityLabels, String codeProblem, String routingStatus, List<Document> documents) {

    public record Document(int seq, String filename, String contentType, String ref, long size, String md5) {}

    public String patientSystem() {
        return patientKind.system();
    }

    /** Never the patient, the text or the document name. */
    @Override
    public String toString() {
        return "Letter[" + id + ", " + source + ", " + kind + "]";
    }
}
