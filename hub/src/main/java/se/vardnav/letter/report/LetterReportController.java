package se.vardnav.letter.report;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import se.vardnav.audit.AccessLog;
import se.vardnav.audit.AuditAction;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The status report per letter (Vårdenhetens rapporter, "Status i AÖ"): JSON a page at a time, or
 * the whole selection as CSV ({@code Accept: text/csv} or {@code /admin/letters/report.csv}),
 * streamed batch by batch.
 */
@RestController
@RequestMapping("/admin/letters")
public class LetterReportController {
    static final int MAX_LIMIT = 1000;
    private static final MediaType CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);
    private final LetterReport report;
    private final Clock clock;
    private final AccessLog accessLog;

    public LetterReportController(LetterReport report, Clock clock, AccessLog accessLog) {
        this.report = report;
        this.accessLog = accessLog;
        this.clock = clock;
    }

    @GetMapping("/report")
    public Object report(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                         @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
                         @RequestParam(required = false) List<String> source,
                         @RequestParam(required = false) List<String> kind,
                         @RequestParam(required = false) String after,
                         @RequestParam(defaultValue = "100") int limit,
                         @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept,
                         HttpServletResponse response) throws IOException {
        ReportQuery query = query(from, to, source, kind);
        if (wantsCsv(accept)) {
            writeCsv(query, response);
            return null;
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("'limit' must be between 1 and " + MAX_LIMIT);
        }
        ReportQuery.Cursor cursor = after == null || after.isBlank() ? null : ReportQuery.Cursor.parse(after);
        List<LetterReportRow> rows = new ArrayList<>(report.page(query, cursor, limit + 1));
        String next = null;
        if (rows.size() > limit) {
            rows = rows.subList(0, limit);
            LetterReportRow last = rows.get(limit - 1);
            next = new ReportQuery.Cursor(last.createdAt(), last.letterId()).token();
        }
        Map<String, Object> page = new LinkedHashMap<>();
        page.put("from", query.from());
        page.put("to", query.to());
        page.put("sources", query.sources());
        page.put("kinds", query.kinds());
        page.put("rows", rows);
        page.put("next", next);
        accessLog.letters(AuditAction.REPORT_ROW, rows.stream().map(LetterReportRow::letterId).toList());
        return page;
    }

    @GetMapping("/report.csv")
    public void csv(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                    @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
                    @RequestParam(required = false) List<String> source,
                    @RequestParam(required = false) List<String> kind,
                    HttpServletResponse response) throws IOException {
        writeCsv(query(from, to, source, kind), response);
    }

    private ReportQuery query(LocalDate from, LocalDate to, List<String> source, List<String> kind) {
        return ReportQuery.of(from, to, source, kind, LocalDate.ofInstant(clock.instant(), report.zone()));
    }

    private void writeCsv(ReportQuery query, HttpServletResponse response) throws IOException {
        response.setContentType(CSV.toString());
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION,
                "attachment; filename=\"brevrapport-" + query.from() + "-" + query.to() + ".csv\"");
        Writer out = new BufferedWriter(new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8));
        // a byte order mark, so that Excel (what units open exports in) reads å, ä, ö as UTF-8
        out.write('\uFEFF');
        ReportCsv csv = new ReportCsv(out, report.zone());
        csv.header();
        List<String> letters = new ArrayList<>();
        report.forEach(query, row -> {
            csv.row(row);
            letters.add(row.letterId());
        });
        out.flush();
        accessLog.letters(AuditAction.REPORT_ROW, letters);
    }

    /** CSV when the caller prefers text/csv to JSON (by order of quality); JSON otherwise. */
    static boolean wantsCsv(String accept) {
        if (accept == null || accept.isBlank()) {
            return false;
        }
        List<MediaType> types;
        try {
            types = new ArrayList<>(MediaType.parseMediaTypes(accept));
        } catch (RuntimeException malformed) {
            return false;
        }
        types.sort(Comparator.comparingDouble(MediaType::getQualityValue).reversed());
        for (MediaType type : types) {
            if (type.getType().equals("text") && type.getSubtype().equals("csv")) {
                return true;
            }
            if (type.isCompatibleWith(MediaType.APPLICATION_JSON)) {
                return false;
            }
        }
        return false;
    }
}
