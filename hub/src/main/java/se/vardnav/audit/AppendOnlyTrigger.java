package se.vardnav.audit;

import org.h2.api.Trigger;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * H2's guard of the PDL audit log: called before every UPDATE and DELETE of a {@code pdl_audit} row, it refuses
 * (PostgreSQL does the same with a PL/pgSQL trigger; both created by migration V51).
 */
public class AppendOnlyTrigger implements Trigger {
    static final String REFUSED = "pdl_audit is append-only: rows cannot be updated or deleted";

    @Override
    public void fire(Connection conn, Object[] oldRow, Object[] newRow) throws SQLException {
        throw new SQLException(REFUSED, "42501");
    }
}
