package se.vardnav.letter.intake;

import ca.uhn.fhir.context.FhirContext;
import org.junit.jupiter.api.Test;
import se.vardnav.letter.LetterKind;

import java.io.FileInputStream;

import static org.assertj.core.api.Assertions.assertThat;

class ControlCodesTest {
    private static ControlCodes shipped() throws Exception {
        try (var in = new FileInputStream("fhir-mapping/ConceptMap-letter-control-codes.json")) {
            return ControlCodes.read(FhirContext.forR4Cached(), in);
        }
    }

    @Test
    void theShippedTableHasTheCodesOfTheGuide() throws Exception {
        ControlCodes codes = shipped();
        for (LetterKind kind : LetterKind.values()) {
            if (kind.controlCode() != null) {
                var c = codes.classify("Text\n" + kind.controlCode(), null, false);
                assertThat(c.kind()).isEqualTo(kind);
                assertThat(c.electronic()).isTrue();
            }
        }
    }

    @Test
    void aKallelseNeedsNoCode() throws Exception {
        assertThat(shipped().classify("Välkommen", null, true)).satisfies(c -> {
            assertThat(c.kind()).isEqualTo(LetterKind.KALLELSE);
            assertThat(c.electronic()).isTrue();
        });
        assertThat(shipped().classify("Välkommen", LetterKind.KALLELSE, false).electronic()).isTrue();
    }

    @Test
    void aSpacedCodeIsNamedAndPrinted() throws Exception {
        var c = shipped().classify("Hej [4US: LPAT]", null, false);
        assertThat(c.kind()).isEqualTo(LetterKind.EBREV);
        assertThat(c.printReason()).contains("spaces").contains("[4US:LPAT]");
        assertThat(shipped().classify("Hej [ 4US:rpat ]", null, false).kind()).isEqualTo(LetterKind.REMISSBEKRAFTELSE);
    }

    @Test
    void aMissingCodeIsPrintedAsTheKindTheJournalGave() throws Exception {
        var c = shipped().classify("Hej", LetterKind.REMISSBEKRAFTELSE, false);
        assertThat(c.kind()).isEqualTo(LetterKind.REMISSBEKRAFTELSE);
        assertThat(c.printReason()).contains("[4US:RPAT] missing");
        assertThat(shipped().classify("Hej", null, false)).satisfies(o -> {
            assertThat(o.kind()).isEqualTo(LetterKind.OVRIGT);
            assertThat(o.electronic()).isFalse();
        });
    }

    @Test
    void thePatientsTextHasNoControlCodeWhichIsKeptAsMetadata() throws Exception {
        ControlCodes codes = shipped();
        String text = "Hej! Dina provsvar är klara.\n\nMed vänlig hälsning\nVårdcentralen\n[4US:LPAT]\n";
        assertThat(codes.patientText(text)).isEqualTo("Hej! Dina provsvar är klara.\n\nMed vänlig hälsning\nVårdcentralen");
        assertThat(codes.found(text)).isEqualTo("[4US:LPAT]");
        // a code written with spaces goes too (the letter is printed, and nobody should read the code on paper either)
        assertThat(codes.patientText("Hej [4US: RPAT] då")).isEqualTo("Hej  då");
        assertThat(codes.found("Hej [4US: RPAT] då")).isEqualTo("[4US: RPAT]");
        assertThat(codes.patientText("Välkommen")).isEqualTo("Välkommen");
        assertThat(codes.found("Välkommen")).isNull();
        assertThat(codes.patientText(null)).isNull();
    }
}
