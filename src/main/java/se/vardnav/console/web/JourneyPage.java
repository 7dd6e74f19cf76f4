package se.vardnav.console.web;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import se.vardnav.console.journey.Journey;

/** The journey of one booking or letter: enter its id, see everything the hub did with it in time order. */
@Controller
public class JourneyPage {
    private final Journey journey;

    public JourneyPage(Journey journey) {
        this.journey = journey;
    }

    @GetMapping("/console/journey")
    String page(@RequestParam(required = false) String id, Model model) {
        model.addAttribute("id", id == null ? "" : id.strip());
        if (id != null && !id.isBlank()) {
            model.addAttribute("result", journey.of(id));
        }
        return "console/journey";
    }
}
