package se.vardnav.atrest;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import se.vardnav.document.LetterDocuments;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;

/**
 * Purges what the flows no longer need, table by table, each after its retention ({@link RetentionProperties}), by
 * the hub's clock. Run by the route {@code data-retention}. Each step is one statement (or one letter batch), so a
 * stop in between leaves nothing half-done that the next run does not finish.
 */
public class Retention {
    private static final Logger log = LoggerFactory.getLogger(Retention.class);
    /** Letters purged per statement batch: bounded memory and transaction size. */
    static final int LETTER_BATCH = 500;
    /** A letter something still waits for: on the print list, its 48-hour timer, a delivery not yet settled. */
    private static final String LETTER_IDLE = """
            NOT EXISTS (SELECT 1 FROM print_item p WHERE p.letter_id = l.id AND p.status = 'TODO')
            AND NOT EXISTS (SELECT 1 FROM letter_escalation e WHERE e.letter_id = l.id AND e.status IN ('PENDING', 'FIRING'))
            AND NOT EXISTS (SELECT 1 FROM letter_delivery d WHERE d.letter_id = l.id AND d.status = 'PENDING')
            AND l.routing_status <> 'RECEIVED'
            """;
    private final JdbcTemplate jdbc;
    private final LetterDocuments documents;
    private final Clock clock;
    private final RetentionProperties keep;
    /** The letter file drop: the files it took (.done) or refused (.error) are the journal's export, in clear. */
    private final java.nio.file.Path dropDir;

    public Retention(JdbcTemplate jdbc, LetterDocuments documents, Clock clock, RetentionProperties keep, java.nio.file.Path dropDir) {
        this.dropDir = dropDir;
        this.jdbc = jdbc;
        this.documents = documents;
        this.clock = clock;
        this.keep = keep;
    }

    /** One pass over every table and the document store; returns how many rows (or files) each step purged. */
    public Map<String, Integer> purge() {
        Map<String, Integer> purged = new LinkedHashMap<>();
        purged.put("reminder", jdbc.update("DELETE FROM reminder WHERE status IN ('SENT', 'SKIPPED') AND due_at < ?", before(keep.reminders())));
        Timestamp sends = before(keep.smsSends());
        purged.put("sms_send", jdbc.update("DELETE FROM sms_send WHERE COALESCE(recorded_at, accepted_at) < ?", sends));
        purged.put("sms_report", jdbc.update("DELETE FROM sms_report WHERE received_at < ?", sends));
        purged.put("email_send", jdbc.update("DELETE FROM email_send WHERE sent_at < ?", sends));
        purged.put("chat_notice", jdbc.update("DELETE FROM chat_notice WHERE status = 'SENT' AND due_at < ?", before(keep.chatNotices())));
        purged.put("guest", jdbc.update("UPDATE guest SET phone = NULL, email = NULL WHERE (phone IS NOT NULL OR email IS NOT NULL)"
                + " AND EXISTS (SELECT 1 FROM guest_booking b WHERE b.source = guest.source AND b.booking_id = guest.booking_id"
                + " AND b.start_at < ?)", before(keep.guests())));
        purged.put("withheld_booking", jdbc.update("DELETE FROM withheld_booking WHERE withheld_at < ?", before(keep.withheldBookings())));
        purged.put("letter_document", letterDocuments());
        purged.put("letter", letters());
        purged.put("letter-drop", dropFiles());
        if (purged.values().stream().anyMatch(n -> n > 0)) {
            log.info("Retention purged {}", purged); // counts per table, never content
        }
        return purged;
    }

    /** The PDFs and text of idle letters past their retention: files no other letter refers to are deleted. */
    private int letterDocuments() {
        return inLetterBatches(keep.letterDocuments(), "(l.body_text IS NOT NULL OR EXISTS (SELECT 1 FROM letter_document d WHERE d.letter_id = l.id))",
                id -> {
                    List<String> refs = jdbc.queryForList("SELECT ref FROM letter_document WHERE letter_id = ?", String.class, id);
                    jdbc.update("DELETE FROM letter_document WHERE letter_id = ?", id);
                    jdbc.update("UPDATE letter SET body_text = NULL WHERE id = ?", id);
                    int deleted = 0;
                    for (String ref : refs) {
                        // the same PDF posted for two letters is stored once
                        Integer users = jdbc.queryForObject("SELECT COUNT(*) FROM letter_document WHERE ref = ?", Integer.class, ref);
                        if (users == 0 && documents.delete(ref)) {
                            deleted++;
                        }
                    }
                    return deleted;
                });
    }

    /** Idle letters past their retention, with everything that hangs on them. */
    private int letters() {
        return inLetterBatches(keep.letters(), "NOT EXISTS (SELECT 1 FROM letter_document d WHERE d.letter_id = l.id)", id -> {
            jdbc.update("DELETE FROM print_log WHERE print_item_id IN (SELECT id FROM print_item WHERE letter_id = ?)", id);
            for (String table : List.of("print_item", "letter_delivery", "letter_appointment", "letter_escalation")) {
                jdbc.update("DELETE FROM " + table + " WHERE letter_id = ?", id);
            }
            return jdbc.update("DELETE FROM letter WHERE id = ?", id);
        });
    }

    /**
     * Applies purge to every idle letter created before the retention that also matches condition (on {@code l}),
     * a batch at a time until a batch comes back short; returns the sum of what purge counted.
     */
    private int inLetterBatches(Duration retention, String condition, ToIntFunction<String> purge) {
        Timestamp cutoff = before(retention);
        int total = 0;
        List<String> ids;
        do {
            ids = jdbc.queryForList("SELECT l.id FROM letter l WHERE l.created_at < ? AND " + condition + " AND " + LETTER_IDLE
                    + " FETCH FIRST " + LETTER_BATCH + " ROWS ONLY", String.class, cutoff);
            for (String id : ids) {
                total += purge.applyAsInt(id);
            }
        } while (ids.size() == LETTER_BATCH);
        return total;
    }

    /** Files the drop took or refused, once older than the letters' documents (their content is the letter's). */
    private int dropFiles() {
        java.time.Instant cutoff = clock.instant().minus(keep.letterDocuments());
        int n = 0;
        for (String kept : List.of(".done", ".error")) {
            java.nio.file.Path dir = dropDir.resolve(kept);
            if (!java.nio.file.Files.isDirectory(dir)) {
                continue;
            }
            try (var files = java.nio.file.Files.list(dir)) {
                for (java.nio.file.Path f : files.filter(java.nio.file.Files::isRegularFile).toList()) {
                    if (java.nio.file.Files.getLastModifiedTime(f).toInstant().isBefore(cutoff) && java.nio.file.Files.deleteIfExists(f)) {
                        n++;
                    }
                }
            } catch (java.io.IOException e) {
                log.warn("Retention: the letter drop's {} folder could not be purged: {}", kept, e.getClass().getSimpleName());
            }
        }
        return n;
    }

    private Timestamp before(Duration retention) {
        return Timestamp.from(clock.instant().minus(retention));
    }
}
