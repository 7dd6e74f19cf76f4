package se.vardnav.letter.intake;

import org.apache.camel.CamelContext;
import org.apache.camel.processor.idempotent.jdbc.JdbcOrphanLockAwareIdempotentRepository;

import javax.sql.DataSource;
import java.sql.Timestamp;
import java.time.Duration;

/**
 * Which hub takes a dropped letter, when several read one shared drop folder: the file component's
 * {@code readLock=idempotent} with Camel's JDBC lock store in the hubs' database (table {@value #TABLE}). A hub holds
 * a file's row while it takes the file and refreshes it every {@code lease / 4}; a row not refreshed within the lease
 * is a hub that died mid-file, and another hub takes the file over.
 * <p>
 * One change to Camel's store: taking over such a row is conditional (only if it is still stale when this hub's
 * UPDATE gets it). Camel's own takeover updates the row unconditionally, so two hubs that found the same stale row
 * at once would both take the file.
 */
public class LetterDropLocks extends JdbcOrphanLockAwareIdempotentRepository {
    /** Created by Flyway (V57) with Camel's column names. */
    public static final String TABLE = "letter_drop_lock";

    public LetterDropLocks(DataSource dataSource, CamelContext camel, Duration lease) {
        super(dataSource, "letter-drop", camel);
        setTableName(TABLE);
        setCreateTableIfNotExists(false);
        setLockMaxAgeMillis(lease.toMillis());
        setLockKeepAliveIntervalMillis(Math.max(250, lease.toMillis() / 4));
    }

    @Override
    protected int insert(String key) {
        Integer rows = jdbcTemplate.queryForObject("SELECT COUNT(*) FROM " + TABLE + " WHERE processorName = ? AND messageId = ?",
                Integer.class, processorName, key);
        if (rows != null && rows > 0) {
            long now = System.currentTimeMillis();
            int taken = jdbcTemplate.update("UPDATE " + TABLE + " SET createdAt = ? WHERE processorName = ? AND messageId = ? AND createdAt < ?",
                    new Timestamp(now), processorName, key, new Timestamp(now - getLockMaxAgeMillis()));
            if (taken == 0) {
                return 0; // another hub took it over first (or holds it)
            }
        }
        return super.insert(key); // inserts, or refreshes the row just taken over and keeps it alive from now on
    }
}
