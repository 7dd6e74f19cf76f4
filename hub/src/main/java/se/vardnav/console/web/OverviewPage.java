package se.vardnav.console.web;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseBody;
import se.vardnav.console.health.Overview;

/** The overview: a tile per flow and per peer; the tiles refresh themselves (a fragment fetched every few seconds). */
@Controller
public class OverviewPage {
    private final Overview overview;

    public OverviewPage(Overview overview) {
        this.overview = overview;
    }

    @GetMapping({"/console", "/console/"})
    String page(Model model) {
        model.addAttribute("tiles", overview.tiles());
        return "console/overview";
    }

    @GetMapping("/console/tiles")
    String tiles(Model model) {
        model.addAttribute("tiles", overview.tiles());
        return "console/overview :: tiles";
    }

    /** The same figures as JSON, for scripts and the tests. */
    @GetMapping(value = "/console/overview.json", produces = "application/json")
    @ResponseBody
    Overview.Tiles json() {
        return overview.tiles();
    }
}
