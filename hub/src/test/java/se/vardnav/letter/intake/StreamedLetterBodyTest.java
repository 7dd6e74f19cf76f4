package se.vardnav.letter.intake;

import ca.uhn.fhir.context.FhirContext;
import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.CommunicationRequest;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.vardnav.fhir.Fhir;
import se.vardnav.document.LetterDocuments;
import se.vardnav.letter.LetterFhir;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The PDFs leave the JSON body for the document store's staging area; what HAPI then reads is the same letter. */
class StreamedLetterBodyTest {
    private static final FhirContext FHIR = FhirContext.forR4Cached();

    @TempDir
    Path dir;

    @Test
    void stagesEachPayloadPdfAndLeavesTheRestOfTheResourceAsItWas() throws Exception {
        byte[] pdf1 = random(70_001);
        byte[] pdf2 = random(3);
        CommunicationRequest cr = letter();
        cr.addPayload().setContent(new Attachment().setContentType("application/pdf").setTitle("a.pdf").setData(pdf1));
        cr.addPayload().setContent(new Attachment().setContentType("application/pdf").setTitle("b.pdf").setData(pdf2));
        LetterDocuments store = new LetterDocuments(dir, se.vardnav.privacy.TestKeys.cipher());
        StreamedLetterBody filter = new StreamedLetterBody(FHIR, store, LetterRequestMapper.MAX_ATTACHMENT_BYTES);
        Map<Integer, LetterDocuments.Staged> staged = new HashMap<>();

        byte[] slim = filter.slim(new ByteArrayInputStream(FHIR.newJsonParser().encodeResourceToString(cr).getBytes(StandardCharsets.UTF_8)), staged);

        assertThat(staged).containsOnlyKeys(2, 3);
        // staged sealed, like every stored document
        assertThat(se.vardnav.privacy.TestKeys.cipher().opening(Files.newInputStream(staged.get(2).file())).readAllBytes()).isEqualTo(pdf1);
        assertThat(se.vardnav.privacy.TestKeys.cipher().opening(Files.newInputStream(staged.get(3).file())).readAllBytes()).isEqualTo(pdf2);
        assertThat(slim.length).isLessThan(2_000);
        CommunicationRequest read = FHIR.newJsonParser().parseResource(CommunicationRequest.class, new String(slim, StandardCharsets.UTF_8));
        LetterRequestMapper.Result result = LetterRequestMapper.read(read, staged);
        assertThat(result.problems()).isEmpty();
        assertThat(result.letter().text()).isEqualTo("Hej! Åäö \"citat\"");
        assertThat(result.letter().attachments()).extracting(IncomingLetter.Attachment::filename).containsExactly("a.pdf", "b.pdf");
        assertThat(result.letter().attachments()).extracting(IncomingLetter.Attachment::size).containsExactly(70_001L, 3L);

        LetterDocuments.Stored stored = store.commit(staged.get(2));
        store.discard(staged.get(3));
        assertThat(store.read(stored.ref())).isEqualTo(pdf1);
        try (Stream<Path> files = Files.walk(dir)) {
            assertThat(files.filter(Files::isRegularFile).count()).isEqualTo(1); // nothing left staged
        }
    }

    @Test
    void emptyDataIsTheSameProblemAsBefore() throws Exception {
        String json = FHIR.newJsonParser().encodeResourceToString(letter())
                .replaceFirst("\\]\\s*}\\s*$", ",{\"contentAttachment\":{\"contentType\":\"application/pdf\",\"data\":\"\"}}]}");
        Map<Integer, LetterDocuments.Staged> staged = new HashMap<>();
        byte[] slim = new StreamedLetterBody(FHIR, new LetterDocuments(dir, se.vardnav.privacy.TestKeys.cipher()), 10).slim(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), staged);

        var result = LetterRequestMapper.read(FHIR.newJsonParser().parseResource(CommunicationRequest.class, new String(slim, StandardCharsets.UTF_8)), staged);
        assertThat(result.problems()).containsExactly("payload 2: attachment data (base64) is required; URLs are not fetched");
    }

    @Test
    void tooLargeIsCutAtTheLimitAndRefused() throws Exception {
        CommunicationRequest cr = letter();
        cr.addPayload().setContent(new Attachment().setContentType("application/pdf").setData(random(1000)));
        Map<Integer, LetterDocuments.Staged> staged = new HashMap<>();
        new StreamedLetterBody(FHIR, new LetterDocuments(dir, se.vardnav.privacy.TestKeys.cipher()), 100)
                .slim(new ByteArrayInputStream(FHIR.newJsonParser().encodeResourceToString(cr).getBytes(StandardCharsets.UTF_8)), staged);
        assertThat(staged.get(2).size()).isEqualTo(101);
    }

    @Test
    void badBase64IsRefusedNamingTheAttachmentAndStagesNothing() {
        String json = FHIR.newJsonParser().encodeResourceToString(letter())
                .replaceFirst("\\]\\s*}\\s*$", ",{\"contentAttachment\":{\"contentType\":\"application/pdf\",\"data\":\"not*base64\"}}]}");
        Map<Integer, LetterDocuments.Staged> staged = new HashMap<>();
        StreamedLetterBody filter = new StreamedLetterBody(FHIR, new LetterDocuments(dir, se.vardnav.privacy.TestKeys.cipher()), 100);
        assertThatThrownBy(() -> filter.slim(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), staged))
                .isInstanceOf(StreamedLetterBody.MalformedBody.class)
                .hasMessage("payload 2: contentAttachment.data is not valid base64");
    }

    @Test
    void malformedJsonIsRefusedWithWhere() {
        StreamedLetterBody filter = new StreamedLetterBody(FHIR, new LetterDocuments(dir, se.vardnav.privacy.TestKeys.cipher()), 100);
        assertThatThrownBy(() -> filter.slim(new ByteArrayInputStream("{\"resourceType\": \"CommunicationRequest\",\n \"status\" ]".getBytes(StandardCharsets.UTF_8)),
                new HashMap<>()))
                .isInstanceOf(StreamedLetterBody.MalformedBody.class).hasMessageStartingWith("the body is not valid JSON (line 2");
    }

    @Test
    void dataOutsideThePayloadIsNotTouched() throws Exception {
        String json = "{\"resourceType\":\"CommunicationRequest\",\"contained\":[{\"resourceType\":\"Binary\",\"data\":\"AAAA\"}],"
                + "\"payload\":[{\"contentAttachment\":{\"extension\":[{\"url\":\"x\",\"valueAttachment\":{\"data\":\"AAAA\"}}]}}]}";
        Map<Integer, LetterDocuments.Staged> staged = new HashMap<>();
        byte[] slim = new StreamedLetterBody(FHIR, new LetterDocuments(dir, se.vardnav.privacy.TestKeys.cipher()), 100).slim(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), staged);
        assertThat(staged).isEmpty();
        assertThat(new String(slim, StandardCharsets.UTF_8)).isEqualTo(json);
    }

    private static CommunicationRequest letter() {
        CommunicationRequest cr = new CommunicationRequest();
        Identifier id = new Identifier().setSystem(LetterFhir.JOURNAL_LETTER_ID).setValue("L-1");
        id.setAssigner(new Reference().setDisplay("TakeCare"));
        cr.addIdentifier(id);
        cr.addExtension(LetterFhir.EXT_DOCUMENT_NAME, new StringType("Provsvar"));
        cr.setSubject(new Reference().setIdentifier(new Identifier().setSystem(Fhir.PERSONNUMMER).setValue("191212121212")));
        cr.addPayload().setContent(new StringType("Hej! Åäö \"citat\""));
        return cr;
    }

    private static byte[] random(int n) {
        byte[] b = new byte[n];
        new Random(n).nextBytes(b);
        return b;
    }
}
