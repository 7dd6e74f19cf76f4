package se.vardnav.audit;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import se.vardnav.security.AccessRules;
import se.vardnav.security.Caller;
import se.vardnav.security.HubRole;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Writes the PDL audit log (table {@code pdl_audit}): one row per patient whose data a person read or acted on —
 * who (user id and the role the endpoint admitted them by), when, what, which patient (protected, {@link PatientKeys}),
 * from where (remote address) and why (the token's purpose claim). Called inside the action's transaction where
 * there is one, so an action and its audit row commit or roll back together. The patient is looked up by the
 * business id shown or acted on (print list row, letter, booking); an id whose patient the hub does not hold is
 * logged with the id alone.
 */
public class AccessLog {
    /** Roles only people hold; a token with none of them and no purpose is a system's. */
    static final Set<HubRole> PERSON_ROLES = EnumSet.of(HubRole.OPERATIONS, HubRole.PRINT, HubRole.REPORT, HubRole.AUDITOR);
    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final PatientKeys keys;
    private final String purposeClaim;
    /** The patient columns are stored sealed (personal data at rest). */
    private final se.vardnav.privacy.DataCipher cipher;

    public AccessLog(JdbcTemplate jdbc, Clock clock, PatientKeys keys, String purposeClaim, se.vardnav.privacy.DataCipher cipher) {
        this.cipher = cipher;
        this.jdbc = jdbc;
        this.clock = clock;
        this.keys = keys;
        this.purposeClaim = purposeClaim;
    }

    /** Print list rows shown or acted on, by print_item id. */
    public void printItems(AuditAction action, Collection<Long> printItemIds) {
        write(action, lookup("SELECT p.id, l.patient_id FROM print_item p JOIN letter l ON l.id = p.letter_id WHERE p.id IN (%s)",
                List.copyOf(printItemIds)), "print item ");
    }

    /** Letters shown or acted on, by letter id. */
    public void letters(AuditAction action, Collection<String> letterIds) {
        write(action, lookup("SELECT id, patient_id FROM letter WHERE id IN (%s)", List.copyOf(letterIds)), "letter ");
    }

    /** A booking shown or acted on: its patient as the hub's reminders know it (the hub keeps no other booking-patient link). */
    public void booking(AuditAction action, String bookingId) {
        keys(action, bookingId, null, "booking " + bookingId);
    }

    /**
     * A record known by its business keys (a dead letter, a journey): the patient of its letter and of its booking,
     * either may be null; {@code target} says what was shown or acted on.
     */
    public void keys(AuditAction action, String bookingId, String letterId, String target) {
        List<String> patients = new ArrayList<>();
        if (letterId != null) {
            jdbc.queryForList("SELECT patient_id FROM letter WHERE id = ?", String.class, letterId).forEach(p -> patients.add(cipher.open(p)));
        }
        if (bookingId != null) {
            jdbc.queryForList("SELECT patient_id FROM reminder WHERE booking_id = ? AND patient_id IS NOT NULL",
                    String.class, bookingId).forEach(p -> patients.add(cipher.open(p)));
        }
        Map<String, List<String>> rows = new LinkedHashMap<>();
        rows.put(target, patients.isEmpty() ? Collections.singletonList(null) : patients.stream().distinct().toList());
        write(action, rows, "");
    }

    /**
     * A read through an endpoint systems also call (FHIR Communication): logged when a person reads, i.e. the token
     * holds a staff role or states a purpose; a system's own reads are not PDL access by a person.
     */
    public void bookingReadByPerson(AuditAction action, String bookingId) {
        Caller caller = Caller.current(purposeClaim).orElse(null);
        if (caller != null && (caller.purpose() != null || caller.roles().stream().anyMatch(PERSON_ROLES::contains))) {
            booking(action, bookingId);
        }
    }

    private Map<String, List<String>> lookup(String sql, List<?> ids) {
        Map<String, List<String>> patients = new LinkedHashMap<>();
        ids.forEach(id -> patients.put(String.valueOf(id), new ArrayList<>()));
        for (int i = 0; i < ids.size(); i += 500) {
            List<?> chunk = ids.subList(i, Math.min(ids.size(), i + 500));
            jdbc.query(sql.formatted(String.join(", ", Collections.nCopies(chunk.size(), "?"))),
                    (java.sql.ResultSet rs) -> {
                        patients.get(rs.getString(1)).add(cipher.open(rs.getString(2)));
                    }, chunk.toArray());
        }
        patients.values().stream().filter(List::isEmpty).forEach(l -> l.add(null));
        return patients;
    }

    private void write(AuditAction action, Map<String, List<String>> patientsByTarget, String targetPrefix) {
        if (patientsByTarget.isEmpty()) {
            return;
        }
        Caller caller = Caller.current(purposeClaim).orElse(null);
        HttpServletRequest request = RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes a
                ? a.getRequest() : null;
        String user = caller == null ? "unauthenticated" : caller.id();
        String roles = roles(caller, request);
        String from = request == null ? null : request.getRemoteAddr();
        String purpose = caller == null ? null : cut(caller.purpose(), 200);
        Timestamp at = Timestamp.from(clock.instant());
        List<Object[]> rows = new ArrayList<>();
        patientsByTarget.forEach((target, patients) -> patients.forEach(patient -> rows.add(new Object[]{
                at, cut(user, 128), roles, action.name(), keys.of(patient), cut(targetPrefix + target, 300), from, purpose})));
        jdbc.batchUpdate("INSERT INTO pdl_audit (at, user_id, user_role, action, patient_key, target, remote_address, purpose) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows);
    }

    /** The role(s) the endpoint admitted the caller by; all the caller's hub roles when no rule is found. */
    private static String roles(Caller caller, HttpServletRequest request) {
        if (caller == null) {
            return "";
        }
        Set<HubRole> used = EnumSet.noneOf(HubRole.class);
        used.addAll(caller.roles());
        if (request != null) {
            AccessRules.ruleFor(request).ifPresent(rule -> {
                Set<HubRole> admitted = EnumSet.noneOf(HubRole.class);
                admitted.addAll(rule.roles());
                admitted.retainAll(caller.roles());
                if (!admitted.isEmpty()) {
                    used.retainAll(admitted);
                }
            });
        }
        return cut(used.stream().map(HubRole::id).collect(Collectors.joining(",")), 128);
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
