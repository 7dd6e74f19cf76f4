package se.vardnav.letter.platform;

import ca.uhn.fhir.context.FhirContext;
import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.Communication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.vardnav.identity.IdentityKind;
import se.vardnav.letter.Letter;
import se.vardnav.letter.LetterDocuments;
import se.vardnav.letter.LetterKind;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The streamed body is the same JSON HAPI writes for the whole Communication, PDFs included, and says its length. */
class PlatformLettersTest {
    private static final FhirContext FHIR = FhirContext.forR4Cached();

    @TempDir
    Path dir;

    @Test
    void streamedBodyIsTheWholeCommunication() throws Exception {
        LetterDocuments store = new LetterDocuments(dir);
        List<Letter.Document> docs = new ArrayList<>();
        List<byte[]> pdfs = new ArrayList<>();
        for (int size : new int[] {100_000, 1, 2, 3}) { // every base64 padding case
            byte[] pdf = new byte[size];
            new Random(size).nextBytes(pdf);
            LetterDocuments.Stored s = store.put(pdf);
            pdfs.add(pdf);
            docs.add(new Letter.Document(docs.size() + 1, "brev-" + size + ".pdf", "application/pdf", s.ref(), s.size(), s.md5()));
        }
        Letter letter = new Letter("LTR-1", "TakeCare", "L-1", LetterKind.values()[0], "Provsvar \"åäö\"", IdentityKind.values()[0],
                "191212121212", null, Instant.parse("2026-11-22T08:00:00Z"), "Hej!", Set.of(), null, "ROUTED", docs);
        Instant sent = Instant.parse("2026-11-22T09:00:00Z");

        PlatformLetters.Body body = PlatformLetters.json(letter, store, sent, FHIR.newJsonParser());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        body.writer().writeTo(out);

        String whole = FHIR.newJsonParser().encodeResourceToString(PlatformLetters.toCommunication(letter, store, sent));
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(whole);
        assertThat(body.length()).isEqualTo(out.size());
        Communication c = FHIR.newJsonParser().parseResource(Communication.class, out.toString(StandardCharsets.UTF_8));
        for (int i = 0; i < pdfs.size(); i++) {
            assertThat(((Attachment) c.getPayload().get(i + 1).getContent()).getData()).isEqualTo(pdfs.get(i));
        }
    }
}
