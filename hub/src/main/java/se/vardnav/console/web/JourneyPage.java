package se.vardnav.console.web;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import se.vardnav.console.journey.Journey;
import se.vardnav.audit.AccessLog;
import se.vardnav.audit.AuditAction;

/** The journey of one booking or letter: enter its id, see everything the hub did with it in time order. */
@Controller
public class JourneyPage {
    private final Journey journey;
    private final AccessLog accessLog;

    public JourneyPage(Journey journey, AccessLog accessLog) {
        this.journey = journey;
        this.accessLog = accessLog;
    }

    @GetMapping("/console/journey")
    String page(@RequestParam(required = false) String id, Model model) {
        model.addAttribute("id", id == null ? "" : id.strip());
        if (id != null && !id.isBlank()) {
            Journey.Result result = journey.of(id);
            model.addAttribute("result", result);
            // the journey shows a booking's or letters' history: the patient's data, logged per patient (PDL)
            if (result.booking()) {
                accessLog.keys(AuditAction.JOURNEY_VIEW, result.id(), null, "journey booking " + result.id());
            }
            result.letterIds().forEach(letter -> accessLog.keys(AuditAction.JOURNEY_VIEW, null, letter, "journey letter " + letter));
        }
        return "console/journey";
    }
}
