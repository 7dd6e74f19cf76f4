package se.vardnav.audit;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Reads the PDL audit log for an auditor: per patient (by its protected form) or per user, oldest first. */
public class AuditTrail {
    private static final String SELECT = "SELECT id, at, user_id, user_role, action, patient_key, target, remote_address, purpose "
            + "FROM pdl_audit WHERE ";
    private final JdbcTemplate jdbc;

    public AuditTrail(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** One row of the log; {@code patientKey} is the protected form, never the number. */
    public record Entry(long id, Instant at, String userId, String userRole, String action, String patientKey,
                        String target, String remoteAddress, String purpose) {}

    public List<Entry> forPatient(String patientKey, Instant from, Instant to, int max) {
        return find("patient_key = ?", patientKey, from, to, max);
    }

    public List<Entry> forUser(String userId, Instant from, Instant to, int max) {
        return find("user_id = ?", userId, from, to, max);
    }

    private List<Entry> find(String clause, String value, Instant from, Instant to, int max) {
        List<Object> args = new ArrayList<>(List.of(value));
        StringBuilder where = new StringBuilder(clause);
        if (from != null) {
            where.append(" AND at >= ?");
            args.add(Timestamp.from(from));
        }
        if (to != null) {
            where.append(" AND at < ?");
            args.add(Timestamp.from(to));
        }
        args.add(max);
        return jdbc.query(SELECT + where + " ORDER BY at, id LIMIT ?", ENTRY, args.toArray());
    }

    private static final RowMapper<Entry> ENTRY = (rs, n) -> new Entry(rs.getLong("id"), rs.getTimestamp("at").toInstant(),
            rs.getString("user_id"), rs.getString("user_role"), rs.getString("action"), rs.getString("patient_key"),
            rs.getString("target"), rs.getString("remote_address"), rs.getString("purpose"));
}
