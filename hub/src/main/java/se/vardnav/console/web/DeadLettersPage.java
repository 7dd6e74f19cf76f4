package se.vardnav.console.web;

import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;
import se.vardnav.console.ConsoleAccess;
import se.vardnav.console.ConsoleActor;
import se.vardnav.console.ConsoleAudit;
import se.vardnav.console.ConsoleRole;
import se.vardnav.identity.SafeText;
import se.vardnav.console.deadletter.DeadLetter;
import se.vardnav.deadletter.DeadLetterHistory;
import se.vardnav.console.deadletter.DeadLetterNotFound;
import se.vardnav.console.deadletter.DeadLetterQueues;
import se.vardnav.console.deadletter.DeadLetterSearch;
import se.vardnav.audit.AccessLog;
import se.vardnav.audit.AuditAction;
import se.vardnav.console.deadletter.DeadLetterAudit;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Dead letters across every DLQ: search by business key, reason, queue and age; a message's history (each
 * dead-lettering and each console action) without its content; replay one or a selection to where it came from;
 * discard one with a reason. Every action is audited.
 */
@Controller
public class DeadLettersPage {
    private static final Logger log = LoggerFactory.getLogger(DeadLettersPage.class);
    private final DeadLetterQueues queues;
    private final DeadLetterHistory history;
    private final ConsoleAccess access;
    private final ConsoleAudit audit;
    private final AccessLog accessLog;

    public DeadLettersPage(DeadLetterQueues queues, DeadLetterHistory history, ConsoleAccess access, ConsoleAudit audit,
                           AccessLog accessLog) {
        this.accessLog = accessLog;
        this.queues = queues;
        this.history = history;
        this.access = access;
        this.audit = audit;
    }

    /** One line of a dead letter's history: a dead-lettering or a console action, as a message with arguments. */
    public record HistoryLine(Instant at, String key, Object[] args) {}

    /** Age filters offered: younger than an hour or a day, older than a day or a week. */
    static DeadLetterSearch search(String key, String reason, String queue, String age) {
        Duration older = null;
        Duration younger = null;
        switch (age == null ? "" : age) {
            case "lt1h" -> younger = Duration.ofHours(1);
            case "lt24h" -> younger = Duration.ofHours(24);
            case "gt24h" -> older = Duration.ofHours(24);
            case "gt7d" -> older = Duration.ofDays(7);
            default -> { }
        }
        return new DeadLetterSearch(key, reason, queue, older, younger);
    }

    @GetMapping("/console/dead-letters")
    String page(@RequestParam(required = false) String key, @RequestParam(required = false) String reason,
                @RequestParam(required = false) String queue, @RequestParam(required = false) String age, Model model) {
        model.addAttribute("key", key == null ? "" : key);
        model.addAttribute("reason", reason == null ? "" : reason);
        model.addAttribute("queue", queue == null ? "" : queue);
        model.addAttribute("age", age == null ? "" : age);
        model.addAttribute("queues", queues.queues());
        List<DeadLetter> rows = queues.search(search(key, reason, queue, age));
        rows.forEach(d -> DeadLetterAudit.record(accessLog, AuditAction.DEAD_LETTER_VIEW, d));
        model.addAttribute("rows", rows);
        model.addAttribute("now", Instant.now());
        return "console/dead-letters";
    }

    @GetMapping("/console/dead-letters/message")
    String message(@RequestParam String queue, @RequestParam String id, Model model) {
        DeadLetter d = queues.find(queue, id).orElseThrow(() -> new DeadLetterNotFound(queue, id));
        DeadLetterAudit.record(accessLog, AuditAction.DEAD_LETTER_VIEW, d);
        model.addAttribute("d", d);
        List<HistoryLine> lines = new ArrayList<>();
        if (d.traceId() != null) {
            history.of(d.traceId()).forEach(e -> lines.add(new HistoryLine(e.at(), "dlq.history.dead",
                    new Object[] {e.origin(), e.attempts(), e.reason()})));
            audit.forTrace(d.traceId()).forEach(a -> lines.add(new HistoryLine(a.at(), "dlq.history.action",
                    new Object[] {a.action(), a.actor(), a.outcome(), a.detail() == null ? "" : a.detail()})));
        }
        lines.sort(java.util.Comparator.comparing(HistoryLine::at));
        model.addAttribute("lines", lines);
        model.addAttribute("now", Instant.now());
        return "console/dead-letter";
    }

    /** Replays the selected messages ({@code queue|messageId} each), one transaction each. */
    @PostMapping("/console/dead-letters/replay")
    String replay(@RequestParam(name = "m", required = false) List<String> selected, @RequestParam(required = false) String back,
                  HttpServletRequest request, RedirectAttributes flash) {
        access.require(ConsoleRole.OPERATIONS, request);
        ConsoleActor actor = access.actor(request);
        List<String> done = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        for (String s : selected == null ? List.<String>of() : selected) {
            String[] qm = s.split("\\|", 2);
            if (qm.length != 2) {
                continue;
            }
            Optional<DeadLetter> found = queues.find(qm[0], qm[1]);
            String trace = found.map(DeadLetter::traceId).orElse(null);
            // logged before the move: the broker's transaction is not the database's, and an attempt is access too
            found.ifPresent(d -> DeadLetterAudit.record(accessLog, AuditAction.DEAD_LETTER_REPLAY, d));
            try {
                String origin = queues.replay(qm[0], qm[1]);
                audit.record(actor, "DLQ_REPLAY", qm[0] + " " + qm[1], trace, "to " + origin, ConsoleAudit.Outcome.DONE);
                done.add(qm[1]);
            } catch (DeadLetterNotFound | IllegalStateException | IllegalArgumentException e) {
                audit.record(actor, "DLQ_REPLAY", qm[0] + " " + qm[1], trace, e.getMessage(), ConsoleAudit.Outcome.FAILED);
                failed.add(qm[1] + ": " + SafeText.scrub(e.getMessage()));
            }
        }
        log.info("Console: {} dead letter(s) replayed, {} failed, by {} (unverified)", done.size(), failed.size(), actor.name());
        flash.addFlashAttribute("replayed", done.size());
        flash.addFlashAttribute("failures", failed);
        return "redirect:" + back(back);
    }

    @PostMapping("/console/dead-letters/discard")
    String discard(@RequestParam String queue, @RequestParam String id, @RequestParam(required = false) String reason,
                   HttpServletRequest request, RedirectAttributes flash) {
        access.require(ConsoleRole.OPERATIONS, request);
        ConsoleActor actor = access.actor(request);
        if (reason == null || reason.isBlank()) {
            flash.addFlashAttribute("needReason", true);
            return "redirect:" + UriComponentsBuilder.fromPath("/console/dead-letters/message").queryParam("queue", queue)
                    .queryParam("id", id).build().encode().toUriString();
        }
        Optional<DeadLetter> found = queues.find(queue, id);
        String trace = found.map(DeadLetter::traceId).orElse(null);
        found.ifPresent(d -> DeadLetterAudit.record(accessLog, AuditAction.DEAD_LETTER_DISCARD, d));
        try {
            queues.discard(queue, id);
            audit.record(actor, "DLQ_DISCARD", queue + " " + id, trace, reason.strip(), ConsoleAudit.Outcome.DONE);
            log.info("Console: dead letter {} in {} discarded by {} (unverified)", id, queue, actor.name());
            flash.addFlashAttribute("discarded", id);
        } catch (DeadLetterNotFound | IllegalStateException e) {
            audit.record(actor, "DLQ_DISCARD", queue + " " + id, trace, e.getMessage(), ConsoleAudit.Outcome.FAILED);
            flash.addFlashAttribute("failures", List.of(id + ": " + SafeText.scrub(e.getMessage())));
        }
        return "redirect:/console/dead-letters";
    }

    /** Only back to a console page. */
    private static String back(String back) {
        return back != null && back.startsWith("/console/dead-letters") && !back.contains("//") ? back : "/console/dead-letters";
    }
}
