package se.vardnav.letter.print;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import se.vardnav.audit.AccessLog;
import se.vardnav.audit.AuditAction;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.time.LocalDate;
import java.security.Principal;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The print list (Utskriftslistan – E-dokument) for staff: list with type, status and date filters,
 * and the actions print and mark handled, mark handled, undo handled, for one row or several (mass
 * action), plus the print log. The acting user is the signed-in caller (the token's user claim, role print), as the
 * print log records it. Every row shown or acted on is written to the PDL audit log ({@link AccessLog}).
 */
@RestController
@RequestMapping("/admin/print-list")
public class PrintListController {
    static final int MAX_LIMIT = 1000;
    private final PrintListView view;
    private final PrintActions actions;
    private final ZoneId zone;
    private final AccessLog audit;

    public PrintListController(PrintListView view, PrintActions actions,
                               se.vardnav.letter.LetterProperties letter, se.vardnav.notification.NotificationProperties notification,
                               AccessLog audit) {
        this.audit = audit;
        this.view = view;
        this.actions = actions;
        this.zone = letter.zoneOr(notification.zone());
    }

    /** A mass action's rows, in the order they are to be handled (and printed). */
    public record Ids(List<Long> ids) {}

    @GetMapping
    public Map<String, Object> list(@RequestParam(required = false) List<String> type,
                                    @RequestParam(required = false) String status,
                                    @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                                    @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
                                    @RequestParam(defaultValue = "100") int limit,
                                    @RequestParam(defaultValue = "0") int offset) {
        PrintListQuery query = PrintListQuery.of(type, status, from, to, zone);
        checkPage(limit, offset);
        List<PrintItem> rows = view.find(query, limit + 1, offset);
        Map<String, Object> page = new LinkedHashMap<>();
        page.put("status", query.status());
        page.put("statusLabel", query.status().label());
        page.put("types", query.types());
        page.put("limit", limit);
        page.put("offset", offset);
        page.put("hasMore", rows.size() > limit);
        List<PrintItem> shown = rows.size() > limit ? rows.subList(0, limit) : rows;
        page.put("rows", shown);
        audit.printItems(AuditAction.PRINT_LIST_VIEW, shown.stream().map(PrintItem::id).toList());
        return page;
    }

    @GetMapping("/{id}")
    public PrintItem one(@PathVariable long id) {
        PrintItem item = view.byIds(List.of(id)).stream().findFirst().orElseThrow(() -> new PrintItemsNotFound(List.of(id)));
        audit.printItems(AuditAction.PRINT_ITEM_VIEW, List.of(id));
        return item;
    }

    /** The print log (Utskriftslogg), newest first; dates are days in the region's time zone, inclusive. */
    @GetMapping("/log")
    public List<PrintLogEntry> log(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                                   @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
                                   @RequestParam(defaultValue = "100") int limit,
                                   @RequestParam(defaultValue = "0") int offset) {
        checkPage(limit, offset);
        List<PrintLogEntry> entries = view.log(from == null ? null : from.atStartOfDay(zone).toInstant(),
                to == null ? null : to.plusDays(1).atStartOfDay(zone).toInstant(), limit, offset);
        audit.printItems(AuditAction.PRINT_LOG_VIEW, entries.stream().map(PrintLogEntry::printItemId).distinct().toList());
        return entries;
    }

    @PostMapping("/{id}/print")
    public void print(@PathVariable long id, Principal actor, HttpServletResponse response) throws IOException {
        stream(actions.printAndMarkHandled(List.of(id), actor.getName()), response);
    }

    /** Skriv ut och markera som åtgärdade: one PDF of all rows' letters, in the order asked. */
    @PostMapping("/print")
    public void print(@RequestBody Ids body, Principal actor, HttpServletResponse response) throws IOException {
        stream(actions.printAndMarkHandled(body.ids(), actor.getName()), response);
    }

    @PostMapping("/{id}/mark-handled")
    public List<PrintItem> markHandled(@PathVariable long id, Principal actor) {
        return actions.markHandled(List.of(id), actor.getName());
    }

    @PostMapping("/mark-handled")
    public List<PrintItem> markHandled(@RequestBody Ids body, Principal actor) {
        return actions.markHandled(body.ids(), actor.getName());
    }

    @PostMapping("/{id}/undo-handled")
    public List<PrintItem> undoHandled(@PathVariable long id, Principal actor) {
        return actions.undoHandled(List.of(id), actor.getName());
    }

    @PostMapping("/undo-handled")
    public List<PrintItem> undoHandled(@RequestBody Ids body, Principal actor) {
        return actions.undoHandled(body.ids(), actor.getName());
    }

    /** Streams the merged file from disk to the caller and deletes it: the job is never held in memory. */
    private static void stream(PrintActions.PrintJob job, HttpServletResponse response) throws IOException {
        try {
            response.setContentType("application/pdf");
            response.setContentLengthLong(Files.size(job.file()));
            // inline: the browser opens it to print, as in Utskriftslistan
            response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "inline; filename=\"utskrift-" + job.ids().size() + "-dokument.pdf\"");
            response.setHeader("X-Vardnav-Printed", job.ids().stream().map(String::valueOf).collect(Collectors.joining(",")));
            try (OutputStream out = response.getOutputStream()) {
                Files.copy(job.file(), out);
            }
        } finally {
            PdfMerger.deleteQuietly(job.file());
        }
    }

    static void checkPage(int limit, int offset) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("'limit' must be between 1 and " + MAX_LIMIT);
        }
        if (offset < 0) {
            throw new IllegalArgumentException("'offset' must not be negative");
        }
    }
}
