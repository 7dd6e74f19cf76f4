package se.vardnav.visit;

import org.springframework.jdbc.core.JdbcTemplate;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * What the hub knows of a visit's case from the newest Encounter applied: its unit, whether it ended and until when
 * the patient may write, whether the patient closed it, whether it is withheld by the privacy rule.
 */
public record CaseState(String visitId, String unitHsaId, boolean ended, LocalDate asyncLastDay, boolean closed, String withheld) {

    public static Optional<CaseState> of(JdbcTemplate jdbc, String visitId) {
        List<CaseState> found = jdbc.query("SELECT unit_hsa_id, state, async_last_day, case_closed, withheld FROM visit WHERE visit_id = ?",
                (rs, i) -> new CaseState(visitId, rs.getString(1), VisitState.parse(rs.getString(2)).ended() || rs.getDate(3) != null,
                        rs.getDate(3) == null ? null : rs.getDate(3).toLocalDate(), rs.getBoolean(4), rs.getString(5)), visitId);
        return found.stream().findFirst();
    }

    /** In its asynchronous phase on {@code day}: ended, and the patient may still write (AsyncPhase's rule, stored as the last day). */
    public boolean asynchronousOn(LocalDate day) {
        return ended && asyncLastDay != null && !day.isAfter(asyncLastDay);
    }
}
