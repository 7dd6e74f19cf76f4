package se.vardnav.visit;

import org.springframework.jdbc.core.JdbcTemplate;
import se.vardnav.booking.ClosedCases;

/**
 * The booking intakes' question "did the patient close this booking's case?" answered from what the visit flow
 * applied (table {@code visit}: the newest version of each visit, its booking id and whether its case is closed; the
 * same record {@link CaseState} reads for chat). Known once the visit's closing version has been applied.
 */
public class ClosedVisitCases implements ClosedCases {
    private final JdbcTemplate jdbc;

    public ClosedVisitCases(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public boolean closed(String bookingId) {
        Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM visit WHERE booking_id = ? AND case_closed = TRUE", Integer.class, bookingId);
        return n != null && n > 0;
    }
}
