package se.vardnav.letter.report;

import se.vardnav.letter.LetterKind;
import se.vardnav.letter.print.PrintList;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/**
 * Writes the letter status report as CSV (RFC 4180: comma separated, CRLF line ends, a field with a
 * comma, quote or line break in double quotes, a quote doubled), with the column headers of
 * Vårdportalen's report. Times are local to the region, as staff read them ("2025-04-28 09:33:10").
 * A text field that a spreadsheet would run as a formula (=, +, -, @ first) gets a leading apostrophe.
 */
public class ReportCsv {
    public static final List<String> HEADERS = List.of("Brev-id", "Datum", "Patient", "Dokumentnamn", "Typ", "Status i AÖ",
            "Skickat till e-brevlåda", "Senast öppnad", "Källsystem", "Utskriftslista");
    public static final String NOT_READ = "Ej läst";
    /** The letter never reached the platform (no account, reservnummer, protected): nothing there to read. */
    public static final String NOT_SENT = "Ej skickat";
    public static final String NO = "Nej";
    private static final Map<LetterKind, String> KIND = Map.of(LetterKind.KALLELSE, "Kallelse", LetterKind.EBREV, "E-brev",
            LetterKind.REMISSBEKRAFTELSE, "Remissbekräftelse", LetterKind.OVRIGT, "Övrigt");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private final Writer out;
    private final ZoneId zone;

    public ReportCsv(Writer out, ZoneId zone) {
        this.out = out;
        this.zone = zone;
    }

    public void header() {
        line(HEADERS);
    }

    public void row(LetterReportRow r) {
        line(List.of(
                nz(r.letterId()),
                time(r.createdAt()),
                nz(r.patient()),
                text(r.documentName()),
                r.kind() == null ? "" : KIND.get(r.kind()),
                platformStatus(r),
                mailbox(r),
                time(r.platformOpenedAt()),
                text(r.source()),
                printList(r)));
    }

    /** "Ej läst", or when the patient opened it; "Ej skickat" when it never went to the platform. */
    public String platformStatus(LetterReportRow r) {
        if (LetterReportRow.OPENED.equals(r.platformStatus()) && r.platformOpenedAt() != null) {
            return time(r.platformOpenedAt());
        }
        return LetterReportRow.DELIVERED.equals(r.platformStatus()) || LetterReportRow.OPENED.equals(r.platformStatus()) ? NOT_READ : NOT_SENT;
    }

    /** Which mailbox received it; "Nej", with the reason when a mailbox was found but did not take it. */
    public String mailbox(LetterReportRow r) {
        if (r.mailbox() != null && !r.mailbox().isBlank()) {
            return text(r.mailbox());
        }
        return r.mailboxNote() == null || r.mailboxNote().isBlank() ? NO : text(NO + " (" + r.mailboxNote() + ")");
    }

    public static String printList(LetterReportRow r) {
        if (!r.onPrintList()) {
            return NO;
        }
        return PrintList.HANDLED.equals(r.printStatus()) ? "Åtgärdad" : "Att åtgärda";
    }

    private String time(Instant t) {
        return t == null ? "" : TIME.format(t.atZone(zone));
    }

    private void line(List<String> fields) {
        try {
            for (int i = 0; i < fields.size(); i++) {
                if (i > 0) {
                    out.write(',');
                }
                out.write(quote(fields.get(i)));
            }
            out.write("\r\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report", e);
        }
    }

    /** RFC 4180 quoting: only when needed, quotes doubled. */
    static String quote(String field) {
        if (field.indexOf(',') < 0 && field.indexOf('"') < 0 && field.indexOf('\n') < 0 && field.indexOf('\r') < 0) {
            return field;
        }
        return '"' + field.replace("\"", "\"\"") + '"';
    }

    /** Free text from the journal system: defused so a spreadsheet shows it instead of evaluating it. */
    static String text(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        char first = value.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r' ? "'" + value : value;
    }

    private static String nz(String value) {
        return value == null ? "" : value;
    }
}
