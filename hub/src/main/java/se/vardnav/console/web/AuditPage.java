package se.vardnav.console.web;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import se.vardnav.console.ConsoleAudit;

/** The console's audit trail, newest first. */
@Controller
public class AuditPage {
    private final ConsoleAudit audit;

    public AuditPage(ConsoleAudit audit) {
        this.audit = audit;
    }

    @GetMapping("/console/audit")
    String page(Model model) {
        model.addAttribute("entries", audit.recent(200));
        return "console/audit";
    }
}
