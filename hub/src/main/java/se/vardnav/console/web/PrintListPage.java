package se.vardnav.console.web;

import se.vardnav.audit.AccessLog;
import se.vardnav.audit.AuditAction;
import se.vardnav.letter.print.PrintLogEntry;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import se.vardnav.console.ConsoleAccess;
import se.vardnav.console.ConsoleActor;
import se.vardnav.console.ConsoleAudit;
import se.vardnav.console.ConsoleRole;
import se.vardnav.console.print.PrintJobs;
import se.vardnav.console.print.PrintRowPatients;
import se.vardnav.letter.print.PrintActions;
import se.vardnav.letter.print.PrintItem;
import se.vardnav.letter.print.PrintItemConflict;
import se.vardnav.letter.print.PrintItemsNotFound;
import se.vardnav.letter.print.PrintListQuery;
import se.vardnav.letter.print.PrintListView;
import se.vardnav.letter.print.PrintStatusFilter;
import se.vardnav.letter.print.PrintType;

import java.io.IOException;
import java.nio.file.Files;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * Utskriftslistan – E-dokument as the guide describes it: types, the tabs Att åtgärda / Historik / Alla, per row and
 * as mass actions "Skriv ut och markera som åtgärdad" (one merged PDF, opened in the browser's viewer), "Markera som
 * åtgärdad" and "Ångra åtgärdad", and the print log. The rules are {@link PrintActions}'; the patient's full number is
 * shown on the row, where staff need it, and nowhere else.
 */
@Controller
public class PrintListPage {
    static final int PAGE = 100;
    private final PrintListView view;
    private final PrintActions actions;
    private final PrintRowPatients patients;
    private final PrintJobs jobs;
    private final ConsoleAccess access;
    private final ConsoleAudit audit;
    private final ZoneId zone;
    private final AccessLog accessLog;

    public PrintListPage(PrintListView view, PrintActions actions, PrintRowPatients patients, PrintJobs jobs, ConsoleAccess access,
                         ConsoleAudit audit, se.vardnav.letter.LetterProperties letter,
                         se.vardnav.notification.NotificationProperties notification, AccessLog accessLog) {
        ZoneId zone = letter.zoneOr(notification.zone());
        this.accessLog = accessLog;
        this.view = view;
        this.actions = actions;
        this.patients = patients;
        this.jobs = jobs;
        this.access = access;
        this.audit = audit;
        this.zone = zone;
    }

    @GetMapping("/console/print-list")
    String page(@RequestParam(required = false) String status, @RequestParam(required = false) List<String> type,
                @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
                @RequestParam(defaultValue = "0") int offset, Model model) {
        List<String> types = type == null ? List.of() : type.stream().filter(t -> !t.isBlank() && !"ALL".equals(t)).toList();
        PrintListQuery query = PrintListQuery.of(types, status, from, to, zone);
        List<PrintItem> rows = view.find(query, PAGE + 1, Math.max(0, offset));
        boolean more = rows.size() > PAGE;
        rows = more ? rows.subList(0, PAGE) : rows;
        model.addAttribute("rows", rows);
        model.addAttribute("patients", patients.of(rows.stream().map(PrintItem::id).toList()));
        accessLog.printItems(AuditAction.PRINT_LIST_VIEW, rows.stream().map(PrintItem::id).toList());
        model.addAttribute("status", query.status().name());
        model.addAttribute("statuses", PrintStatusFilter.values());
        model.addAttribute("types", PrintType.values());
        model.addAttribute("selectedTypes", query.types().stream().map(Enum::name).toList());
        model.addAttribute("from", from);
        model.addAttribute("to", to);
        model.addAttribute("offset", Math.max(0, offset));
        model.addAttribute("more", more);
        model.addAttribute("page", PAGE);
        return "console/print-list";
    }

    /**
     * A mass action on the ticked rows, or a row's own action ({@code row=<action>:<id>}). Printing makes the merged
     * PDF first and marks the rows after (PrintActions); the PDF then opens in the browser's viewer.
     */
    @PostMapping("/console/print-list/action")
    String act(@RequestParam(required = false) String action, @RequestParam(name = "ids", required = false) List<Long> ids,
               @RequestParam(required = false) String row, @RequestParam(required = false) String back,
               HttpServletRequest request, RedirectAttributes flash) {
        access.require(ConsoleRole.PRINT, request);
        ConsoleActor actor = access.actor(request);
        List<Long> selected = new ArrayList<>(ids == null ? List.of() : ids);
        String what = action;
        if (row != null && row.contains(":")) {
            what = row.substring(0, row.indexOf(':'));
            selected = List.of(Long.parseLong(row.substring(row.indexOf(':') + 1)));
        }
        String returnTo = back != null && back.startsWith("/console/print-list") && !back.contains("//") ? back : "/console/print-list";
        try {
            switch (what == null ? "" : what) {
                case "print" -> {
                    PrintActions.PrintJob job = actions.printAndMarkHandled(selected, actor.name());
                    PrintJobs.Job kept = jobs.keep(job.file(), job.ids());
                    audit.record(actor, "PRINT", "print_item " + ids(selected), null, null, ConsoleAudit.Outcome.DONE);
                    return "redirect:/console/print-list/printed/" + kept.token() + "?back=" + java.net.URLEncoder.encode(returnTo,
                            java.nio.charset.StandardCharsets.UTF_8);
                }
                case "handled" -> {
                    actions.markHandled(selected, actor.name());
                    audit.record(actor, "PRINT_HANDLED", "print_item " + ids(selected), null, null, ConsoleAudit.Outcome.DONE);
                    flash.addFlashAttribute("done", "print.done.handled");
                }
                case "undo" -> {
                    actions.undoHandled(selected, actor.name());
                    audit.record(actor, "PRINT_UNDONE", "print_item " + ids(selected), null, null, ConsoleAudit.Outcome.DONE);
                    flash.addFlashAttribute("done", "print.done.undone");
                }
                default -> throw new IllegalArgumentException("choose an action");
            }
            flash.addFlashAttribute("doneCount", selected.size());
        } catch (PrintItemConflict | PrintItemsNotFound | IllegalArgumentException e) {
            flash.addFlashAttribute("failed", e.getMessage());
        }
        return "redirect:" + returnTo;
    }

    @GetMapping("/console/print-list/printed/{token}")
    String printed(@PathVariable String token, @RequestParam(required = false) String back, Model model) {
        PrintJobs.Job job = jobs.find(token).orElseThrow(() -> new PrintItemsNotFound(List.of()));
        model.addAttribute("job", job);
        model.addAttribute("back", back != null && back.startsWith("/console/print-list") && !back.contains("//") ? back : "/console/print-list");
        return "console/printed";
    }

    /** The merged PDF, inline, so the browser opens it in its own viewer to print. */
    @GetMapping("/console/print-list/jobs/{token}.pdf")
    void pdf(@PathVariable String token, HttpServletResponse response) throws IOException {
        PrintJobs.Job job = jobs.find(token).orElse(null);
        if (job == null || !Files.exists(job.file())) {
            response.sendError(404, "this print job is no longer kept; print the rows again from the list");
            return;
        }
        response.setContentType("application/pdf");
        response.setHeader("Content-Disposition", "inline; filename=\"utskrift-" + token.substring(0, 8) + ".pdf\"");
        response.setContentLengthLong(Files.size(job.file()));
        Files.copy(job.file(), response.getOutputStream());
    }

    @GetMapping("/console/print-list/log")
    String log(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
               @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to, Model model) {
        List<PrintLogEntry> entries = view.log(from == null ? null : from.atStartOfDay(zone).toInstant(),
                to == null ? null : to.plusDays(1).atStartOfDay(zone).toInstant(), 500, 0);
        accessLog.printItems(AuditAction.PRINT_LOG_VIEW, entries.stream().map(PrintLogEntry::printItemId).distinct().toList());
        model.addAttribute("entries", entries);
        model.addAttribute("from", from);
        model.addAttribute("to", to);
        return "console/print-log";
    }

    private static String ids(List<Long> ids) {
        String s = ids.toString();
        return s.length() > 280 ? s.substring(0, 279) + "…" : s;
    }
}
