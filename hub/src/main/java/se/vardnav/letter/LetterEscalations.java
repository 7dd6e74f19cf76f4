package se.vardnav.letter;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import se.vardnav.cluster.RowClaims;
import se.vardnav.letter.print.PrintList;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The 48-hour rule: a letter delivered to the platform and not opened there within {@code unread},
 * nor received by a digital mailbox, goes to the print list. Durable (table letter_escalation, polled
 * by a timer route) and checked against the letter's state when it fires, not when it was planned. With several hubs
 * each due row is claimed by one ({@link RowClaims}); a claim left by a hub that stopped is taken over after the
 * lease, and what firing does is keyed by the letter (one print list row, one print delivery), so doing it again
 * after a takeover changes nothing.
 */
public class LetterEscalations {
    public static final String REASON = "not opened in the platform within %d hours and not received by a digital mailbox";
    private static final Logger log = LoggerFactory.getLogger(LetterEscalations.class);
    private final JdbcTemplate jdbc;
    private final Letters letters;
    private final PrintList printList;
    private final Clock clock;
    private final Duration unread;
    private final RowClaims claims;
    /** Escalations claimed at once: bounded memory; more wait for the next tick. */
    static final int BATCH = 500;

    public LetterEscalations(JdbcTemplate jdbc, Letters letters, PrintList printList, Clock clock, Duration unread, RowClaims claims) {
        this.claims = claims;
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

    /** Claims the due timers (at most {@value #BATCH} a tick) and checks each; returns how many letters went to the print list. */
    public int fireDue() {
        Instant now = clock.instant();
        Timestamp claimedAt = Timestamp.from(now);
        Timestamp stale = Timestamp.from(now.minus(claims.lease()));
        String due = "(status = 'PENDING' AND due_at <= ? OR status = 'FIRING' AND claimed_at < ?)";
        List<String> mine = claims.claim(new RowClaims.Step<>(
                "SELECT letter_id FROM letter_escalation WHERE " + due + " ORDER BY due_at FETCH FIRST " + BATCH + " ROWS ONLY",
                new Object[] {claimedAt, stale}, (rs, i) -> rs.getString(1),
                "UPDATE letter_escalation SET status = 'FIRING', claimed_at = ?, claimed_by = ? WHERE letter_id = ? AND " + due,
                id -> new Object[] {claimedAt, claims.instance(), id, claimedAt, stale}));
        int printed = 0;
        for (String letterId : mine) {
            boolean print = !letters.reachedPatient(letterId);
            if (print) {
                Letter letter = letters.get(letterId);
                String reason = String.format(REASON, unread.toHours());
                if (printList.add(letterId, letter.kind().printType(), reason)) {
                    printed++;
                    log.info("Letter {} unread after {}: to the print list", letterId, unread);
                }
                letters.addDelivery(letterId, Letters.PRINT, "PENDING", reason, null);
            }
            jdbc.update("UPDATE letter_escalation SET status = ? WHERE letter_id = ? AND status = 'FIRING'", print ? "PRINTED" : "SKIPPED", letterId);
        }
        return printed;
    }
}
