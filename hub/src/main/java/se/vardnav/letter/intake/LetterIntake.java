package se.vardnav.letter.intake;

import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.vardnav.broker.HubHeaders;
import se.vardnav.letter.Letter;
import se.vardnav.document.LetterDocuments;
import se.vardnav.letter.Letters;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Takes a letter in from any channel (FHIR, file drop): PDFs into the document store (claim check),
 * the letter into the database once per source letter id, and a small event (the hub's letter id)
 * onto {@code hub.letter}. Returns only when all three are durable, so the sender may be told "accepted".
 */
public class LetterIntake {
    private static final String LETTER_ID = HubHeaders.LETTER_ID;
    private static final Logger log = LoggerFactory.getLogger(LetterIntake.class);
    private final LetterDocuments documents;
    private final Letters letters;
    private final ControlCodes codes;
    private final ProducerTemplate producer;
    private final String intakeEndpoint;

    public LetterIntake(LetterDocuments documents, Letters letters, ControlCodes codes, ProducerTemplate producer, String intakeEndpoint) {
        this.documents = documents;
        this.letters = letters;
        this.codes = codes;
        this.producer = producer;
        this.intakeEndpoint = intakeEndpoint;
    }

    public Letters.Saved accept(IncomingLetter in) {
        var existing = letters.idOf(in.source(), in.sourceLetterId());
        Letters.Saved saved;
        if (existing.isPresent()) {
            saved = new Letters.Saved(existing.get(), false);
        } else {
            List<Letter.Document> docs = new ArrayList<>();
            int seq = 0;
            for (IncomingLetter.Attachment a : in.attachments()) {
                LetterDocuments.Stored stored = a.staged() != null ? documents.commit(a.staged()) : documents.put(a.data());
                docs.add(new Letter.Document(++seq, filename(a.filename(), seq), a.contentType(), stored.ref(), stored.size(), stored.md5()));
            }
            ControlCodes.Classification c = codes.classify(in.text(), in.kindHint(), in.bookingId() != null);
            // the code decides the kind and is kept as metadata; the patient never reads it
            saved = letters.save(in.source(), in.sourceLetterId(), c.kind(), in.documentName(), in.patient().kind(), in.patient().value(),
                    in.bookingId(), codes.patientText(in.text()), codes.found(in.text()), in.securityLabels(), c.printReason(), docs,
                    in.appointment());
        }
        // sent again for a repeated letter too: the first send may have failed after the insert; routing is idempotent
        producer.sendBodyAndHeaders(intakeEndpoint, saved.id(), Map.of(LETTER_ID, saved.id(), HubHeaders.DUPLICATE_ID, "letter|" + saved.id()));
        log.info("Letter {} from {} {} as {}", in.sourceLetterId(), in.source(), saved.created() ? "accepted" : "already known", saved.id());
        return saved;
    }

    /** Only the last path segment, at most 255 characters: the name is shown to the patient and used in files. */
    static String filename(String name, int seq) {
        String n = name == null ? "" : name.replace('\\', '/');
        n = n.substring(n.lastIndexOf('/') + 1).strip();
        if (n.isEmpty()) {
            n = "bilaga-" + seq + ".pdf";
        }
        return n.length() > 255 ? n.substring(n.length() - 255) : n;
    }
}
