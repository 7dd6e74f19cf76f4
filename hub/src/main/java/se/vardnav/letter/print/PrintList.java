package se.vardnav.letter.print;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Optional;

/**
 * The print list (Utskriftslistan): letters that must reach the patient on paper. A letter is on
 * it at most once; adding it again (a redelivery, a later escalation) changes nothing.
 */
public class PrintList {
    public static final String TODO = "TODO";
    public static final String HANDLED = "HANDLED";

    protected final JdbcTemplate jdbc;
    protected final Clock clock;

    public PrintList(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Puts the letter on the list to be handled, with the reason staff will read; true if it was not there yet. */
    public boolean add(String letterId, PrintType type, String reason) {
        try {
            jdbc.update("INSERT INTO print_item (letter_id, print_type, reason, status, created_at) VALUES (?, ?, ?, ?, ?)",
                    letterId, type.name(), reason, TODO, Timestamp.from(clock.instant()));
            return true;
        } catch (DuplicateKeyException alreadyThere) {
            return false;
        }
    }

    /** Why the letter is on the list, if it is. */
    public Optional<String> reason(String letterId) {
        return jdbc.queryForList("SELECT reason FROM print_item WHERE letter_id = ?", String.class, letterId).stream().findFirst();
    }

    /** How many rows of this type wait to be handled (Att åtgärda): the backlog monitoring watches. */
    public long todoCount(PrintType type) {
        Long n = jdbc.queryForObject("SELECT COUNT(*) FROM print_item WHERE status = ? AND print_type = ?", Long.class, TODO, type.name());
        return n == null ? 0 : n;
    }
}
