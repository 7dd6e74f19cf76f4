package se.vardnav.guest;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import java.util.Map;

/**
 * {@code GET /guest-links/{token}}: whether a guest link still works, for the platform when a guest
 * opens it. 200 active, 410 revoked (rescheduled or cancelled), 404 unknown. Names no person.
 */
@RestController
public class GuestLinkController {
    private final GuestStore store;

    public GuestLinkController(GuestStore store) {
        this.store = store;
    }

    @GetMapping(path = "/guest-links/{token}", produces = "application/json")
    public ResponseEntity<Map<String, Object>> check(@PathVariable String token) {
        return store.byToken(token)
                .map(l -> ResponseEntity.status("ACTIVE".equals(l.status()) ? HttpStatus.OK : HttpStatus.GONE)
                        .body(Map.<String, Object>of("status", l.status().toLowerCase(), "kind", l.general() ? "general" : "guest",
                                "bookingId", l.bookingId())))
                .orElseGet(() -> ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("status", "unknown")));
    }
}
