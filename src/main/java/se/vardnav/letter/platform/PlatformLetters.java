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
import se.vardnav.letter.LetterDocuments;
import se.vardnav.letter.LetterFhir;

import ca.uhn.fhir.parser.IParser;
import se.vardnav.connector.platform.PlatformClient;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.Date;
import java.util.Locale;

/** A letter as the visit platform receives it: a Communication with the text and the PDFs (the profile is in connectors/visit-platform/). */
public final class PlatformLetters {
    private static final String CATEGORY = "http://terminology.hl7.org/CodeSystem/communication-category";

    private PlatformLetters() {}

    public static Communication toCommunication(Letter letter, LetterDocuments documents, Instant sent) {
        return toCommunication(letter, sent, d -> documents.read(d.ref()));
    }

    /** A body for {@link PlatformClient#upsertCommunication(String, String, long, PlatformClient.BodyWriter)} and its length. */
    public record Body(long length, PlatformClient.BodyWriter writer) {}

    /**
     * The same Communication as JSON, written with each PDF base64-encoded from the store while it is sent: the hub
     * never holds a PDF or its base64 text (the letter benchmark's platform leg read and encoded each one whole).
     * HAPI encodes the resource with a random placeholder as each attachment's data; the placeholders are then
     * replaced by the streamed content.
     */
    public static Body json(Letter letter, LetterDocuments documents, Instant sent, IParser parser) {
        List<Letter.Document> docs = letter.documents();
        Map<Letter.Document, byte[]> placeholders = new IdentityHashMap<>();
        for (Letter.Document d : docs) {
            byte[] p = new byte[15]; // 20 base64 characters, no padding
            ThreadLocalRandom.current().nextBytes(p);
            placeholders.put(d, p);
        }
        byte[] json = parser.encodeResourceToString(toCommunication(letter, sent, placeholders::get)).getBytes(StandardCharsets.UTF_8);
        int[] at = new int[docs.size()];
        long length = json.length;
        int from = 0;
        for (int i = 0; i < docs.size(); i++) {
            byte[] quoted = ("\"" + Base64.getEncoder().encodeToString(placeholders.get(docs.get(i))) + "\"").getBytes(StandardCharsets.US_ASCII);
            at[i] = indexOf(json, quoted, from) + 1; // just after the opening quote
            from = at[i] + PLACEHOLDER_CHARS;
            length += 4 * ((docs.get(i).size() + 2) / 3) - PLACEHOLDER_CHARS;
        }
        return new Body(length, out -> {
            int pos = 0;
            for (int i = 0; i < docs.size(); i++) {
                out.write(json, pos, at[i] - pos);
                try (InputStream pdf = documents.open(docs.get(i).ref()); OutputStream b64 = Base64.getEncoder().wrap(new KeepOpen(out))) {
                    pdf.transferTo(b64);
                }
                pos = at[i] + PLACEHOLDER_CHARS;
            }
            out.write(json, pos, json.length - pos);
        });
    }

    private static final int PLACEHOLDER_CHARS = 20;

    private static int indexOf(byte[] haystack, byte[] needle, int from) {
        outer:
        for (int i = from; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new IllegalStateException("attachment placeholder not found in the encoded letter");
    }

    /** Lets the base64 encoder finish (padding) without closing the request body under it. */
    private static final class KeepOpen extends FilterOutputStream {
        KeepOpen(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }

    private static Communication toCommunication(Letter letter, Instant sent, Function<Letter.Document, byte[]> data) {
        Communication c = new Communication();
        c.addIdentifier(new Identifier().setSystem(LetterFhir.HUB_LETTER_ID).setValue(letter.id()));
        c.setStatus(Communication.CommunicationStatus.COMPLETED);
        c.addCategory(new CodeableConcept(new Coding(CATEGORY, "notification", "Notification")));
        c.addCategory(new CodeableConcept(new Coding(LetterFhir.LETTER_KIND, letter.kind().name().toLowerCase(Locale.ROOT), null)));
        c.setSubject(new Reference().setType("Patient")
                .setIdentifier(new Identifier().setSystem(letter.patientSystem()).setValue(letter.patientId())));
        if (letter.bookingId() != null) {
            // shown even when the booking's time type is hidden (DOMAIN.md, "Bokning på dold tidstyp")
            c.addAbout(new Reference().setType("Appointment")
                    .setIdentifier(new Identifier().setSystem(Fhir.JOURNAL_BOOKING_ID).setValue(letter.bookingId())));
        }
        c.setTopic(new CodeableConcept().setText(letter.documentName()));
        c.setSent(Date.from(sent));
        if (letter.text() != null) {
            c.addPayload().setContent(new StringType(letter.text()));
        }
        for (Letter.Document d : letter.documents()) {
            Attachment a = new Attachment().setContentType(d.contentType()).setTitle(d.filename()).setData(data.apply(d));
            a.setSize(Math.toIntExact(d.size()));
            c.addPayload().setContent(a);
        }
        return c;
    }
}
