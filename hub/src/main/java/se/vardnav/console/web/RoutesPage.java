package se.vardnav.console.web;

import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import se.vardnav.console.ConsoleAccess;
import se.vardnav.console.ConsoleActor;
import se.vardnav.console.ConsoleAudit;
import se.vardnav.console.ConsoleRole;
import se.vardnav.console.health.RouteControl;

/**
 * Camel routes: state and figures, and start/stop/suspend/resume for the operations role, each after a confirmation
 * page and with an audit entry.
 */
@Controller
public class RoutesPage {
    private static final Logger log = LoggerFactory.getLogger(RoutesPage.class);
    private final RouteControl routes;
    private final ConsoleAccess access;
    private final ConsoleAudit audit;

    public RoutesPage(RouteControl routes, ConsoleAccess access, ConsoleAudit audit) {
        this.routes = routes;
        this.access = access;
        this.audit = audit;
    }

    @GetMapping("/console/routes")
    String page(Model model) {
        model.addAttribute("routes", routes.routes());
        return "console/routes";
    }

    @GetMapping("/console/routes/{id}/{action}")
    String confirm(@PathVariable String id, @PathVariable String action, Model model, HttpServletRequest request) {
        access.require(ConsoleRole.OPERATIONS, request);
        RouteControl.Action a = RouteControl.Action.parse(action);
        model.addAttribute("route", routes.route(id).orElseThrow(() -> new IllegalArgumentException("no route '" + id + "'")));
        model.addAttribute("action", a.name().toLowerCase(java.util.Locale.ROOT));
        return "console/route-confirm";
    }

    @PostMapping("/console/routes/{id}/{action}")
    String apply(@PathVariable String id, @PathVariable String action, HttpServletRequest request, RedirectAttributes flash) {
        access.require(ConsoleRole.OPERATIONS, request);
        ConsoleActor actor = access.actor(request);
        RouteControl.Action a = RouteControl.Action.parse(action);
        try {
            routes.apply(id, a);
            audit.record(actor, "ROUTE_" + a.name(), id, null, null, ConsoleAudit.Outcome.DONE);
            log.info("Console: route {} {} by {} (unverified)", id, a, actor.name());
            flash.addFlashAttribute("done", "routes.done." + a.name().toLowerCase(java.util.Locale.ROOT));
            flash.addFlashAttribute("doneArg", id);
        } catch (Exception e) {
            audit.record(actor, "ROUTE_" + a.name(), id, null, e.getClass().getSimpleName() + ": " + e.getMessage(), ConsoleAudit.Outcome.FAILED);
            flash.addFlashAttribute("failed", e.getClass().getSimpleName() + ": " + se.vardnav.identity.SafeText.scrub(e.getMessage()));
        }
        return "redirect:/console/routes";
    }
}
