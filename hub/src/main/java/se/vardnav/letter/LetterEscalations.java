package se.vardnav.letter;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import se.vardnav.letter.print.PrintList;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The 48-hour rule: a letter delivered to the platform and not opened there within {@code unread},
 * nor received by a digital mailbox, goes to the print list. Durable (table letter_escalation, polled
 * by a timer route) and checked against the letter's state when it fires, not when it was planned.
 */
public class LetterEscalations {
    public static final String REASON = "not opened in the platform within %d hours and not received by a digital mailbox";
    private static final Logger log = LoggerFactory.getLogger(LetterEscalations.class);
    private final JdbcTemplate jdbc;
    private final Letters letters;
    private final PrintList printList;
    private final Clock clock;
    private final Duration unread;

    public LetterEscalations(JdbcTemplate jdbc, Letters letters, PrintList printList, Clock clock, Duration unread) {
        this.jdbc = jdbc;
        this.letters = letters;
        this.printList = printList;
        this.clock = clock;
        this.unread = unread;
    }

    /** Starts the timer from the first platform delivery; a second delivery of the same letter does not move it. */
    public void schedule(String letterId, Instant deliveredAt) {
        try {
            jdbc.update("INSERT INTO letter_escalation (letter_id, due_at, status) VALUES (?, ?, 'PENDING')",
                    letterId, Timestamp.from(deliveredAt.plus(unread)));
        } catch (DuplicateKeyException alreadyPlanned) {
            // the first delivery's timer stands
        }
    }

    /** Checks every due timer; returns how many letters went to the print list. */
    public int fireDue() {
        List<String> due = jdbc.queryForList("SELECT letter_id FROM letter_escalation WHERE status = 'PENDING' AND due_at <= ? ORDER BY due_at",
                String.class, Timestamp.from(clock.instant()));
        int printed = 0;
        for (String letterId : due) {
            // claim it: with several hub instances only one fires
            if (jdbc.update("UPDATE letter_escalation SET status = 'FIRING' WHERE letter_id = ? AND status = 'PENDING'", letterId) == 0) {
                continue;
            }
            boolean print = !letters.reachedPatient(letterId);
            if (print) {
                Letter letter = letters.get(letterId);
                String reason = String.format(REASON, unread.toHours());
                printList.add(letterId, letter.kind().printType(), reason);
                letters.addDelivery(letterId, Letters.PRINT, "PENDING", reason, null);
                printed++;
                log.info("Letter {} unread after {}: to the print list", letterId, unread);
            }
            jdbc.update("UPDATE letter_escalation SET status = ? WHERE letter_id = ?", print ? "PRINTED" : "SKIPPED", letterId);
        }
        return printed;
    }
}
