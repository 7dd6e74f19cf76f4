package se.vardnav.cluster;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Claims rows of a timer's table so that of several hubs on one database exactly one works on each
 * (docs/decisions.md, "Timers run once across hubs"). In one short transaction of its own: the candidates are
 * selected {@code FOR UPDATE SKIP LOCKED} (on PostgreSQL two hubs then take disjoint batches without waiting for
 * each other), then each is marked as this hub's by an UPDATE that repeats the candidate's condition. The UPDATE
 * alone decides: a row another hub claimed first is not counted, whatever the database's row locking does (H2 2.3
 * applies {@code FETCH FIRST} before skipping locked rows, so a second claimer there gets fewer rows, never the same).
 * A claim is a lease: a row claimed longer ago than {@link #lease()} belongs to a hub that stopped, and the
 * timer's candidate query takes it over.
 */
public final class RowClaims {
    /** Appended to a candidate query. Both H2 (2.2+) and PostgreSQL (9.5+) accept it. */
    public static final String SKIP_LOCKED = " FOR UPDATE SKIP LOCKED";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate claimTransaction;
    private final String instance;
    private final Duration lease;

    public RowClaims(JdbcTemplate jdbc, String instance, Duration lease) {
        this.jdbc = jdbc;
        this.instance = Objects.requireNonNull(instance);
        this.lease = Objects.requireNonNull(lease);
        TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(Objects.requireNonNull(jdbc.getDataSource())));
        // the claim commits at once, also when called inside another transaction: other hubs must see it now
        tx.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.claimTransaction = tx;
    }

    /** One query's candidates and how to mark one as claimed: {@code markSql} must repeat the candidate condition. */
    public record Step<T>(String candidateSql, Object[] candidateArgs, RowMapper<T> rows, String markSql, Function<T, Object[]> markArgs) {}

    /** Runs one step in a transaction of its own; returns the candidates this hub claimed. */
    public <T> List<T> claim(Step<T> step) {
        return claimTransaction.execute(status -> claimOne(step));
    }

    private <T> List<T> claimOne(Step<T> step) {
        List<T> candidates = jdbc.query(step.candidateSql() + SKIP_LOCKED, step.rows(), step.candidateArgs());
        if (candidates.isEmpty()) {
            return List.of();
        }
        int[] counts = jdbc.batchUpdate(step.markSql(), candidates.stream().map(step.markArgs()).toList());
        List<T> mine = new ArrayList<>(candidates.size());
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] != 0) { // H2 and PostgreSQL give counts (a driver may answer -2, SUCCESS_NO_INFO: taken as claimed)
                mine.add(candidates.get(i));
            }
        }
        return mine;
    }

    /** This hub's name, written to {@code claimed_by}. */
    public String instance() {
        return instance;
    }

    public Duration lease() {
        return lease;
    }
}
