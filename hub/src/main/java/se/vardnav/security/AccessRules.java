package se.vardnav.security;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpMethod;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static se.vardnav.security.HubRole.AUDITOR;
import static se.vardnav.security.HubRole.JOURNAL_SYSTEM;
import static se.vardnav.security.HubRole.MONITORING;
import static se.vardnav.security.HubRole.OPERATIONS;
import static se.vardnav.security.HubRole.PLATFORM;
import static se.vardnav.security.HubRole.PRINT;
import static se.vardnav.security.HubRole.REPORT;

/**
 * Who may call what: the one list of the hub's HTTP endpoints and the roles each admits, first match wins.
 * A request no rule matches is refused to everyone (401 without a token, 403 with one), so a new endpoint is closed
 * until it gets a rule here. {@code AccessRulesCoverIT} calls every mapped endpoint to prove it.
 */
public final class AccessRules {

    /** A rule: the method (null: any) and path pattern, and the roles it admits; none and {@code open}: no token needed. */
    public record Rule(HttpMethod method, String pattern, Set<HubRole> roles, boolean open, String why) {
        public RequestMatcher matcher() {
            return PathPatternRequestMatcher.withDefaults().matcher(method, pattern);
        }

        public String[] authorities() {
            return roles.stream().map(HubRole::authority).toArray(String[]::new);
        }
    }

    private static final Set<HubRole> SYSTEMS = EnumSet.of(JOURNAL_SYSTEM, PLATFORM);
    private static final Set<HubRole> STAFF = EnumSet.of(OPERATIONS, PRINT, REPORT, AUDITOR);

    /** An open endpoint whose {@code Authorization: Bearer} is its own token (the subscription's), not the issuer's JWT. */
    private static final String VISIT_NOTIFICATIONS = "/visit-platform/notifications/**";
    static final org.springframework.security.web.util.matcher.RequestMatcher OWN_TOKEN =
            PathPatternRequestMatcher.withDefaults().matcher(VISIT_NOTIFICATIONS);

    public static final List<Rule> RULES = List.of(
            // liveness/readiness for the orchestrator; the details are roll-ups (UP/DOWN, counts), never personal data
            open(HttpMethod.GET, "/actuator/health/**", "liveness and readiness probes"),
            // each report carries an HMAC token per SMS (vardnav.sms.report-secret), checked by DeliveryReportIntake
            open(null, "/sms/reports/**", "SMS delivery reports: checked by their signed per-SMS token"),
            // the platform's rest-hook notifications carry the token the hub gave in its Subscription (VisitNotificationController)
            open(null, VISIT_NOTIFICATIONS, "visit notifications: checked by the subscription's token"),

            rule(HttpMethod.POST, "/fhir/Appointment", "bookings in", JOURNAL_SYSTEM),
            rule(HttpMethod.PUT, "/fhir/Appointment/{id}", "bookings in", JOURNAL_SYSTEM),
            rule(HttpMethod.POST, "/fhir/CommunicationRequest", "letters in", JOURNAL_SYSTEM),
            rule(HttpMethod.POST, "/fhir/Appointment/$guests", "guests in", PLATFORM),
            rule(HttpMethod.POST, "/fhir/Communication", "chat messages and read receipts in", PLATFORM),
            rule(HttpMethod.POST, "/fhir/$send-app-sms", "app SMS asked by staff on the platform", PLATFORM),
            rule(HttpMethod.POST, "/fhir/Encounter", "visits in", PLATFORM),
            rule(HttpMethod.PUT, "/fhir/Encounter", "visits in (conditional on the platform's visit id)", PLATFORM),
            rule(HttpMethod.PUT, "/fhir/Encounter/{id}", "visits in", PLATFORM),
            rule(HttpMethod.POST, "/fhir/Patient/$resync-bookings", "Uppdatera nu: staff on the platform ask for a resync", PLATFORM),
            rule(HttpMethod.GET, "/guest-links/{token}", "guest-link check when a guest opens it", PLATFORM),
            rule(HttpMethod.GET, "/fhir/Communication", "a booking's notifications (status only)", SYSTEMS),
            rule(HttpMethod.GET, "/fhir/metadata", "the CapabilityStatement", SYSTEMS),
            rule(HttpMethod.GET, "/fhir/StructureDefinition/**", "conformance resources", SYSTEMS),
            rule(HttpMethod.GET, "/fhir/CodeSystem/**", "conformance resources", SYSTEMS),
            rule(HttpMethod.GET, "/fhir/SearchParameter/**", "conformance resources", SYSTEMS),
            rule(HttpMethod.GET, "/fhir/NamingSystem/**", "conformance resources", SYSTEMS),

            rule(null, "/admin/print-list/**", "print list and print log", PRINT),
            rule(null, "/admin/letters/**", "letters' status report", REPORT),
            rule(null, "/admin/dead-letters/**", "dead letters: list and replay", OPERATIONS),
            rule(null, "/admin/audit/**", "PDL audit log per patient and per user", AUDITOR),
            rule(null, "/console/print-list/**", "console: print list", PRINT),
            rule(null, "/console/report/**", "console: report", REPORT),
            rule(null, "/console/audit/**", "console: audit trail", AUDITOR),
            rule(null, "/console/**", "console: overview, routes, dead letters, journeys", OPERATIONS),
            rule(HttpMethod.GET, "/console-assets/**", "console style sheet", STAFF),

            // Prometheus scrapes with a token of its own (client credentials) holding only "monitoring"
            rule(HttpMethod.GET, "/actuator/prometheus", "metrics scrape", MONITORING, OPERATIONS),
            rule(HttpMethod.GET, "/actuator/metrics/**", "metrics", MONITORING, OPERATIONS),
            rule(null, "/actuator/**", "Camel routes, info", OPERATIONS));

    private AccessRules() {
    }

    /** The first rule that matches the request, if any (none: the request is refused to everyone). */
    public static Optional<Rule> ruleFor(HttpServletRequest request) {
        return RULES.stream().filter(r -> r.matcher().matches(request)).findFirst();
    }

    private static Rule open(HttpMethod method, String pattern, String why) {
        return new Rule(method, pattern, Set.of(), true, why);
    }

    private static Rule rule(HttpMethod method, String pattern, String why, HubRole first, HubRole... more) {
        return new Rule(method, pattern, EnumSet.of(first, more), false, why);
    }

    private static Rule rule(HttpMethod method, String pattern, String why, Set<HubRole> roles) {
        return new Rule(method, pattern, EnumSet.copyOf(roles), false, why);
    }
}
