package se.vardnav.letter.intake;

import org.apache.camel.CamelContext;
import org.apache.camel.processor.idempotent.jdbc.JdbcMessageIdRepository;

import javax.sql.DataSource;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Which hub takes a dropped letter, when several read one shared drop folder: the file component's
 * {@code readLock=idempotent} with Camel's JDBC store in the hubs' database (table {@value #TABLE}, Camel's columns).
 * A hub holds a file's row while it takes the file and refreshes it every quarter lease; a row not refreshed within
 * the lease is a hub that died mid-file, and another hub takes the file over. Once taken ({@link #confirm}) the row is
 * no longer refreshed but stays until the lease passes: a hub that listed the file before it moved finds it locked,
 * however long it was held up between its listing and its lock (a lock released at once, or a poll later as Camel
 * offers, lost that race on a loaded machine). Rows older than ten leases are deleted.
 * <p>
 * Camel's own orphan-aware store ({@code JdbcOrphanLockAwareIdempotentRepository}) was tried and took files twice
 * (LetterDropLocksTest: two consumers on one folder): it counts the live rows, then inserts, or, when a row is there by
 * then, refreshes it unconditionally as if orphaned, and {@code add} answers true whatever the insert did. Here taking a
 * row is one statement that decides: an UPDATE only of a stale row, else an INSERT that the primary key lets one hub do
 * (the other's fails, and the read lock skips the file).
 */
public class LetterDropLocks extends JdbcMessageIdRepository {
    /** Created by Flyway (V57). */
    public static final String TABLE = "letter_drop_lock";

    private final CamelContext camel;
    private final Duration lease;
    private final Set<String> held = ConcurrentHashMap.newKeySet();
    private ScheduledExecutorService keepAlive;

    public LetterDropLocks(DataSource dataSource, CamelContext camel, Duration lease) {
        super(dataSource, "letter-drop");
        this.camel = camel;
        this.lease = lease;
        setTableName(TABLE);
        setCreateTableIfNotExists(false);
    }

    /** Rows a hub still refreshes: a stale one does not count (its hub is gone). */
    @Override
    protected int queryForInt(String key) {
        return jdbcTemplate.queryForObject("SELECT COUNT(*) FROM " + TABLE + " WHERE processorName = ? AND messageId = ? AND createdAt >= ?",
                Integer.class, processorName, key, staleBefore());
    }

    @Override
    protected int insert(String key) {
        Timestamp now = new Timestamp(System.currentTimeMillis());
        int taken = jdbcTemplate.update("UPDATE " + TABLE + " SET createdAt = ? WHERE processorName = ? AND messageId = ? AND createdAt < ?",
                now, processorName, key, staleBefore());
        if (taken == 0) {
            // another hub holding it (or taking it over just now) makes this fail on the primary key: the exception, not
            // a count, must leave add(), whose answer in Camel 4.17 ignores what insert returns; the read lock then skips
            taken = jdbcTemplate.update("INSERT INTO " + TABLE + " (processorName, messageId, createdAt) VALUES (?, ?, ?)",
                    processorName, key, now);
        }
        held.add(key);
        return taken;
    }

    /** The file is taken and moved: its row stays (see above) but is no longer this hub's to refresh. */
    @Override
    public boolean confirm(String key) {
        held.remove(key);
        return true;
    }

    @Override
    protected int delete(String key) {
        held.remove(key);
        return super.delete(key);
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        long every = Math.max(250, lease.toMillis() / 4);
        keepAlive = camel.getExecutorServiceManager().newSingleThreadScheduledExecutor(this, "LetterDropLocks");
        keepAlive.scheduleWithFixedDelay(this::refresh, every, every, TimeUnit.MILLISECONDS);
    }

    @Override
    protected void doStop() throws Exception {
        if (keepAlive != null) {
            camel.getExecutorServiceManager().shutdown(keepAlive);
            keepAlive = null;
        }
        super.doStop();
    }

    /** This hub is alive and still taking these files; rows long past their lease are forgotten. */
    private void refresh() {
        try {
            jdbcTemplate.update("DELETE FROM " + TABLE + " WHERE processorName = ? AND createdAt < ?", processorName,
                    new Timestamp(System.currentTimeMillis() - 10 * lease.toMillis()));
        } catch (RuntimeException e) {
            log.warn("Could not forget old locks of dropped letters: {}", e.getMessage());
        }
        List<Object[]> rows = held.stream().map(k -> new Object[] {new Timestamp(System.currentTimeMillis()), processorName, k}).toList();
        if (!rows.isEmpty()) {
            try {
                jdbcTemplate.batchUpdate("UPDATE " + TABLE + " SET createdAt = ? WHERE processorName = ? AND messageId = ?", rows);
            } catch (RuntimeException e) {
                log.warn("Could not refresh the locks of dropped letters being taken: {}", e.getMessage());
            }
        }
    }

    private Timestamp staleBefore() {
        return new Timestamp(System.currentTimeMillis() - lease.toMillis());
    }
}
