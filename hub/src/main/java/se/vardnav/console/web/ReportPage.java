package se.vardnav.console.web;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;
import se.vardnav.booking.WithheldBookings;
import se.vardnav.letter.LetterKind;
import se.vardnav.letter.report.LetterReport;
import se.vardnav.letter.report.LetterReportRow;
import se.vardnav.letter.report.ReportCsv;
import se.vardnav.letter.report.ReportQuery;
import se.vardnav.audit.AccessLog;
import se.vardnav.audit.AuditAction;

import java.io.StringWriter;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Vårdenhetens rapporter: the letter status report (Status i AÖ) with its question parameters, a page at a time,
 * with the CSV export of the same selection; and the journal's time types the ConceptMap does not map yet, with what
 * to add. Patients masked, as in the CSV.
 */
@Controller
public class ReportPage {
    static final int PAGE = 100;
    private final LetterReport report;
    private final WithheldBookings withheld;
    private final Clock clock;
    private final AccessLog accessLog;

    public ReportPage(LetterReport report, WithheldBookings withheld, Clock clock, AccessLog accessLog) {
        this.report = report;
        this.accessLog = accessLog;
        this.withheld = withheld;
        this.clock = clock;
    }

    /** A report row with the texts the CSV would show (Status i AÖ, Skickat till e-brevlåda, Utskriftslista). */
    public record Row(LetterReportRow r, String platformStatus, String mailbox, String printList) {}

    @GetMapping("/console/report")
    String page(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
                @RequestParam(required = false) List<String> source, @RequestParam(required = false) String kind,
                @RequestParam(required = false) String after, Model model) {
        List<String> kinds = kind == null || kind.isBlank() ? List.of() : List.of(kind);
        ReportQuery query = ReportQuery.of(from, to, source, kinds, LocalDate.ofInstant(clock.instant(), report.zone()));
        ReportQuery.Cursor cursor = after == null || after.isBlank() ? null : ReportQuery.Cursor.parse(after);
        List<LetterReportRow> rows = new ArrayList<>(report.page(query, cursor, PAGE + 1));
        String next = null;
        if (rows.size() > PAGE) {
            rows = rows.subList(0, PAGE);
            LetterReportRow last = rows.get(PAGE - 1);
            next = new ReportQuery.Cursor(last.createdAt(), last.letterId()).token();
        }
        accessLog.letters(AuditAction.REPORT_ROW, rows.stream().map(LetterReportRow::letterId).toList());
        ReportCsv texts = new ReportCsv(new StringWriter(), report.zone());
        model.addAttribute("rows", rows.stream().map(r -> new Row(r, texts.platformStatus(r), texts.mailbox(r),
                ReportCsv.printList(r))).toList());
        model.addAttribute("query", query);
        model.addAttribute("source", source == null ? "" : String.join(",", source));
        model.addAttribute("kind", kind == null ? "" : kind);
        model.addAttribute("kinds", LetterKind.values());
        model.addAttribute("csv", UriComponentsBuilder.fromPath("/admin/letters/report.csv").queryParam("from", query.from())
                .queryParam("to", query.to()).queryParam("source", query.sources().toArray()).queryParam("kind", kinds.toArray())
                .build().encode().toUriString());
        model.addAttribute("next", next == null ? null : UriComponentsBuilder.fromPath("/console/report").queryParam("from", query.from())
                .queryParam("to", query.to()).queryParam("source", query.sources().toArray()).queryParam("kind", kinds.toArray())
                .queryParam("after", next).build().encode().toUriString());
        model.addAttribute("unmapped", withheld.unmappedTimeTypes());
        return "console/report";
    }
}
