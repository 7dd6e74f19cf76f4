package se.vardnav.security;

import java.util.Arrays;
import java.util.Optional;

/**
 * What a caller may do, least privilege: each endpoint names the roles it admits ({@link AccessRules}). The name is
 * the value the region's issuer puts in the roles claim (renamed per role with {@code vardnav.security.role-names}).
 */
public enum HubRole {
    /** a journal system: bookings (Appointment) and letters (CommunicationRequest) in */
    JOURNAL_SYSTEM("journal-system"),
    /** the visit platform: chat messages, read receipts, guests, app SMS, guest-link checks */
    PLATFORM("platform"),
    /** operations staff: console, routes, queues, dead letters (reasons and ids, never content) */
    OPERATIONS("operations"),
    /** print staff: the print list and print log */
    PRINT("print"),
    /** report readers: the letters' status report */
    REPORT("report"),
    /** auditors: the audit log */
    AUDITOR("auditor"),
    /** a metrics scraper (Prometheus): /actuator/prometheus and /actuator/metrics only */
    MONITORING("monitoring");

    private final String id;

    HubRole(String id) {
        this.id = id;
    }

    /** The role's name in configuration and, unless renamed, in the token's roles claim. */
    public String id() {
        return id;
    }

    /** The Spring Security authority a caller holding this role has. */
    public String authority() {
        return "ROLE_" + id;
    }

    public static Optional<HubRole> byId(String id) {
        return Arrays.stream(values()).filter(r -> r.id.equals(id)).findFirst();
    }

    public static Optional<HubRole> byAuthority(String authority) {
        return Arrays.stream(values()).filter(r -> r.authority().equals(authority)).findFirst();
    }
}
