package se.vardnav.audit;

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

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

/**
 * The PDL audit log for auditors (role auditor): per patient and per user, as JSON or CSV. The personnummer is
 * posted in the body, never put in a URL (URLs end up in proxy and access logs); the hub computes its protected form
 * and looks that up. Dates are days in the region's time zone, inclusive.
 */
@RestController
@RequestMapping("/admin/audit")
public class AuditController {
    /** The bean of the region's time zone (the letter and notification settings' zone), in which days are counted. */
    public static final String REGION_ZONE = "regionZone";
    private final AuditTrail trail;
    private final PatientKeys keys;
    private final int maxRows;
    private final ZoneId zone;

    public AuditController(AuditTrail trail, PatientKeys keys, AuditProperties props,
                           @org.springframework.beans.factory.annotation.Qualifier(REGION_ZONE) ZoneId regionZone) {
        this.trail = trail;
        this.keys = keys;
        this.maxRows = props.maxRows();
        this.zone = regionZone;
    }

    /** Whose log to list: the patient's personnummer or samordningsnummer, and optionally the days. */
    public record PatientQuery(String personnummer, LocalDate from, LocalDate to) {}

    @PostMapping("/patient")
    public List<AuditTrail.Entry> patient(@RequestBody PatientQuery query) {
        return forPatient(query);
    }

    @PostMapping(value = "/patient.csv")
    public void patientCsv(@RequestBody PatientQuery query, HttpServletResponse response) throws IOException {
        csv(forPatient(query), "pdl-logg-patient", response);
    }

    @GetMapping("/user/{userId}")
    public List<AuditTrail.Entry> user(@PathVariable String userId,
                                       @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                                       @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
        return trail.forUser(userId, start(from), end(to), maxRows);
    }

    @GetMapping("/user/{userId}/csv")
    public void userCsv(@PathVariable String userId,
                        @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                        @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
                        HttpServletResponse response) throws IOException {
        csv(trail.forUser(userId, start(from), end(to), maxRows), "pdl-logg-anvandare", response);
    }

    private List<AuditTrail.Entry> forPatient(PatientQuery query) {
        if (query == null || query.personnummer() == null || query.personnummer().isBlank()) {
            throw new IllegalArgumentException("'personnummer' is required");
        }
        return trail.forPatient(keys.of(query.personnummer()), start(query.from()), end(query.to()), maxRows);
    }

    private void csv(List<AuditTrail.Entry> entries, String name, HttpServletResponse response) throws IOException {
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + name + ".csv\"");
        AuditCsv.write(new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8), entries, zone);
    }

    private Instant start(LocalDate day) {
        return day == null ? null : day.atStartOfDay(zone).toInstant();
    }

    private Instant end(LocalDate day) {
        return day == null ? null : day.plusDays(1).atStartOfDay(zone).toInstant();
    }
}
