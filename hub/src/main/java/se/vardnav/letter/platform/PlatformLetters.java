package se.vardnav.letter.platform;

import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import se.vardnav.fhir.Fhir;
import se.vardnav.letter.Letter;
import se.vardnav.letter.LetterFhir;

import java.time.Instant;
import java.util.Date;
import java.util.Locale;

/**
 * A letter as the visit platform receives it (the profile is in connectors/visit-platform/): a Communication with
 * the text, each PDF a {@code Binary} of its own that the Communication's attachment points to ({@code url}
 * {@code Binary/<id>}). The PDFs are not inline: base64 in the Communication made one request of every PDF together
 * (4 × 20 MB took longer to store than any fixed timeout allowed), and the hub had to encode it on the way.
 */
public final class PlatformLetters {
    private static final String CATEGORY = "http://terminology.hl7.org/CodeSystem/communication-category";

    private PlatformLetters() {}

    /**
     * The Binary id of a letter's document: the hub's letter id and the document's place in it, so a letter sent
     * again writes the same Binaries, and no two letters (no two patients) share one.
     */
    public static String binaryId(Letter letter, Letter.Document document) {
        return "letter-" + letter.id() + "-" + document.seq();
    }

    public static Communication toCommunication(Letter letter, Instant sent) {
        Communication c = new Communication();
        c.addIdentifier(new Identifier().setSystem(LetterFhir.HUB_LETTER_ID).setValue(letter.id()));
        c.setStatus(Communication.CommunicationStatus.COMPLETED);
        c.addCategory(new CodeableConcept(new Coding(CATEGORY, "notification", "Notification")));
        c.addCategory(new CodeableConcept(new Coding(LetterFhir.LETTER_KIND, letter.kind().name().toLowerCase(Locale.ROOT), null)));
        c.setSubject(new Reference().setType("Patient")
                .setIdentifier(new Identifier().setSystem(letter.patientSystem()).setValue(letter.patientId())));
        if (letter.bookingId() != null) {
            // shown even when the booking's time type is hidden: a kallelse for a hidden booking is still delivered
            c.addAbout(new Reference().setType("Appointment")
                    .setIdentifier(new Identifier().setSystem(Fhir.JOURNAL_BOOKING_ID).setValue(letter.bookingId())));
        }
        c.setTopic(new CodeableConcept().setText(letter.documentName()));
        c.setSent(Date.from(sent));
        if (letter.text() != null) {
            c.addPayload().setContent(new StringType(letter.text()));
        }
        for (Letter.Document d : letter.documents()) {
            Attachment a = new Attachment().setContentType(d.contentType()).setTitle(d.filename())
                    .setUrl("Binary/" + binaryId(letter, d));
            a.setSize(Math.toIntExact(d.size()));
            c.addPayload().setContent(a);
        }
        return c;
    }
}
