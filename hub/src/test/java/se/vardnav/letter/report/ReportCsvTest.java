package se.vardnav.letter.report;

import org.junit.jupiter.api.Test;
import se.vardnav.letter.LetterKind;

import java.io.StringWriter;
import java.time.Instant;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;

class ReportCsvTest {
    private static final ZoneId STOCKHOLM = ZoneId.of("Europe/Stockholm");

    private static LetterReportRow row(String documentName, String platformStatus, Instant opened, String mailbox, String printStatus) {
        return new LetterReportRow("L-1", Instant.parse("2025-04-28T07:33:10Z"), "19121212****", documentName, LetterKind.KALLELSE,
                "TakeCare", "TC-1", platformStatus, opened, mailbox, mailbox == null ? null : Instant.parse("2025-04-28T07:34:00Z"),
                printStatus != null, printStatus, null, null, null);
    }

    private static String write(LetterReportRow... rows) {
        StringWriter out = new StringWriter();
        ReportCsv csv = new ReportCsv(out, STOCKHOLM);
        csv.header();
        for (LetterReportRow r : rows) {
            csv.row(r);
        }
        return out.toString();
    }

    @Test
    void headersAsInVardportalenAndLocalTimes() {
        String csv = write(row("Kallelse till röntgen", "OPENED", Instant.parse("2025-04-28T08:13:01Z"), null, null));
        assertThat(csv).isEqualTo("Brev-id,Datum,Patient,Dokumentnamn,Typ,Status i AÖ,Skickat till e-brevlåda,Senast öppnad,Källsystem,Utskriftslista\r\n"
                + "L-1,2025-04-28 09:33:10,19121212****,Kallelse till röntgen,Kallelse,2025-04-28 10:13:01,Nej,2025-04-28 10:13:01,TakeCare,Nej\r\n");
    }

    @Test
    void statusTexts() {
        String csv = write(row("a", "DELIVERED", null, "Kivra", "TODO"), row("b", "NONE", null, null, "HANDLED"));
        assertThat(csv.split("\r\n")[1]).endsWith(",Ej läst,Kivra,,TakeCare,Att åtgärda");
        assertThat(csv.split("\r\n")[2]).endsWith(",Ej skickat,Nej,,TakeCare,Åtgärdad");
    }

    @Test
    void aMailboxThatDidNotTakeTheLetterSaysWhy() {
        LetterReportRow declined = new LetterReportRow("L-2", Instant.parse("2025-04-28T07:33:10Z"), "19121212****", "Provsvar",
                LetterKind.EBREV, "TakeCare", "TC-2", "DELIVERED", null, null, null, false, null, null,
                "digital mailbox refused the letter: operator 165568402266: content of 1.20 MB is over Kivra's limit of 1 MB per content", null);
        assertThat(write(declined).split("\r\n")[1])
                .contains(",Ej läst,Nej (digital mailbox refused the letter: operator 165568402266: content of 1.20 MB is over Kivra's limit of 1 MB per content),,");
    }

    @Test
    void quotesCommasQuotesAndLineBreaksPerRfc4180() {
        assertThat(ReportCsv.quote("plain text")).isEqualTo("plain text");
        assertThat(ReportCsv.quote("Kallelse, röntgen")).isEqualTo("\"Kallelse, röntgen\"");
        assertThat(ReportCsv.quote("Brev \"viktigt\"")).isEqualTo("\"Brev \"\"viktigt\"\"\"");
        assertThat(ReportCsv.quote("två\r\nrader")).isEqualTo("\"två\r\nrader\"");
        String csv = write(row("Svar, \"remiss\"", "DELIVERED", null, null, null));
        assertThat(csv).contains(",\"Svar, \"\"remiss\"\"\",Kallelse,");
    }

    @Test
    void aFormulaFromTheJournalSystemIsShownNotRun() {
        assertThat(ReportCsv.text("=HYPERLINK(\"x\")")).isEqualTo("'=HYPERLINK(\"x\")");
        assertThat(ReportCsv.text("+46")).isEqualTo("'+46");
        assertThat(ReportCsv.text("Kallelse")).isEqualTo("Kallelse");
        assertThat(write(row("@SUM(A1)", "NONE", null, null, null))).contains(",'@SUM(A1),");
    }
}
