package db.migration;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

import java.sql.SQLException;
import java.sql.Statement;

/**
 * The PDL audit log's rows cannot be changed or removed by the hub's database user: a trigger refuses UPDATE and
 * DELETE (and TRUNCATE on PostgreSQL). Written in Java because the trigger is vendor-specific: PL/pgSQL on
 * PostgreSQL, a Java trigger class on H2.
 */
public class V51__pdl_audit_append_only extends BaseJavaMigration {
    @Override
    public void migrate(Context context) throws SQLException {
        String product = context.getConnection().getMetaData().getDatabaseProductName();
        try (Statement sql = context.getConnection().createStatement()) {
            if (product.toLowerCase().contains("postgres")) {
                sql.execute("""
                        CREATE FUNCTION pdl_audit_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
                        BEGIN
                            RAISE EXCEPTION 'pdl_audit is append-only: rows cannot be updated or deleted' USING ERRCODE = '42501';
                        END $$""");
                sql.execute("CREATE TRIGGER pdl_audit_append_only BEFORE UPDATE OR DELETE ON pdl_audit "
                        + "FOR EACH ROW EXECUTE FUNCTION pdl_audit_refuse_change()");
                sql.execute("CREATE TRIGGER pdl_audit_no_truncate BEFORE TRUNCATE ON pdl_audit "
                        + "FOR EACH STATEMENT EXECUTE FUNCTION pdl_audit_refuse_change()");
            } else if (product.toLowerCase().contains("h2")) {
                sql.execute("CREATE TRIGGER pdl_audit_append_only BEFORE UPDATE, DELETE ON pdl_audit "
                        + "FOR EACH ROW CALL 'se.vardnav.audit.AppendOnlyTrigger'");
            } else {
                throw new SQLException("no append-only trigger for " + product + "; add one before using it");
            }
        }
    }
}
