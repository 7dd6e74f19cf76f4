package se.vardnav.letter.platform;

import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.Communication;
import org.junit.jupiter.api.Test;
import se.vardnav.identity.IdentityKind;
import se.vardnav.letter.Letter;
import se.vardnav.letter.LetterKind;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The letter as the platform gets it: its PDFs are Binaries the Communication points to, never content inline. */
class PlatformLettersTest {

    private static Letter letter(String id, List<Letter.Document> docs) {
        return new Letter(id, "TakeCare", "L-1", LetterKind.values()[0], "Provsvar", IdentityKind.values()[0],
                "191212121212", "B-1", Instant.parse("2026-11-22T08:00:00Z"), "Hej!", Set.of(), null, "ROUTED", docs);
    }

    @Test
    void eachPdfIsAReferenceToItsOwnBinary() {
        List<Letter.Document> docs = List.of(
                new Letter.Document(1, "kallelse.pdf", "application/pdf", "a".repeat(64), 20L * 1024 * 1024, "0".repeat(32)),
                new Letter.Document(2, "karta.pdf", "application/pdf", "b".repeat(64), 1234, "1".repeat(32)));
        Letter letter = letter("0f8fad5b-d9cb-469f-a165-70867728950e", docs);

        Communication c = PlatformLetters.toCommunication(letter, Instant.parse("2026-11-22T09:00:00Z"));

        List<Attachment> attachments = c.getPayload().stream().filter(p -> p.getContent() instanceof Attachment)
                .map(p -> (Attachment) p.getContent()).toList();
        assertThat(attachments).hasSize(2);
        assertThat(attachments).allSatisfy(a -> assertThat(a.hasData()).isFalse());
        assertThat(attachments).extracting(Attachment::getUrl).containsExactly(
                "Binary/letter-0f8fad5b-d9cb-469f-a165-70867728950e-1", "Binary/letter-0f8fad5b-d9cb-469f-a165-70867728950e-2");
        assertThat(attachments).extracting(Attachment::getTitle).containsExactly("kallelse.pdf", "karta.pdf");
        assertThat(attachments.get(0).getSize()).isEqualTo(20 * 1024 * 1024);
        // a FHIR id is at most 64 characters of [A-Za-z0-9-.]: the hub's letter ids (UUIDs) fit
        assertThat(PlatformLetters.binaryId(letter, docs.get(1))).matches("[A-Za-z0-9\\-.]{1,64}");
        // another letter with the same PDF gets Binaries of its own (another patient's security context)
        assertThat(PlatformLetters.binaryId(letter("7c9e6679-7425-40de-944b-e07fc1f90ae7", docs), docs.get(0)))
                .isNotEqualTo(PlatformLetters.binaryId(letter, docs.get(0)));
    }
}
