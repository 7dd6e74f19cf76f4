package se.vardnav.letter.print;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import se.vardnav.audit.AccessLog;
import se.vardnav.audit.AuditAction;

import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What staff do with rows of the print list: print and mark handled, mark handled, undo handled —
 * one row or several at once (mass action). An action is all or nothing: if one named row is unknown
 * or in the wrong state, no row changes. Every change is written to the print log with who and when, and to the
 * PDL audit log per patient in the same transaction.
 */
public class PrintActions {
    private static final Logger log = LoggerFactory.getLogger(PrintActions.class);
    /** A mass action names at most this many rows (one print job, one IN list). */
    public static final int MAX_IDS = 500;
    public static final int MAX_ACTOR = 128;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final PrintListView view;
    private final PdfMerger merger;
    private final AccessLog audit;

    public PrintActions(JdbcTemplate jdbc, TransactionTemplate tx, Clock clock, PrintListView view, PdfMerger merger,
                        AccessLog audit) {
        this.audit = audit;
        this.jdbc = jdbc;
        this.tx = tx;
        this.clock = clock;
        this.view = view;
        this.merger = merger;
    }

    /** A merged PDF of the rows' letters, in the order asked; the caller streams it, then deletes it. */
    public record PrintJob(Path file, List<Long> ids) {}

    public List<PrintItem> markHandled(List<Long> ids, String actor) {
        List<Long> asked = checkIds(ids);
        String who = checkActor(actor);
        tx.executeWithoutResult(s -> {
            Map<Long, Row> rows = lock(asked);
            List<Row> done = asked.stream().map(rows::get).filter(r -> PrintList.HANDLED.equals(r.status)).toList();
            if (!done.isEmpty()) {
                throw new PrintItemConflict(describe(done) + " already handled; undo it first or leave it out");
            }
            Instant now = clock.instant();
            setStatus(asked, PrintList.HANDLED, who, now);
            writeLog(asked, PrintLogEntry.Action.HANDLED, who, now);
            audit.printItems(AuditAction.PRINT_MARK_HANDLED, asked);
        });
        log.info("print list: {} row(s) marked handled", asked.size());
        return view.byIds(asked);
    }

    public List<PrintItem> undoHandled(List<Long> ids, String actor) {
        List<Long> asked = checkIds(ids);
        String who = checkActor(actor);
        tx.executeWithoutResult(s -> {
            Map<Long, Row> rows = lock(asked);
            List<Long> notHandled = asked.stream().filter(id -> !PrintList.HANDLED.equals(rows.get(id).status)).toList();
            if (!notHandled.isEmpty()) {
                throw new PrintItemConflict("row(s) " + join(notHandled) + " not handled (Att åtgärda): nothing to undo");
            }
            Instant now = clock.instant();
            setStatus(asked, PrintList.TODO, null, null);
            writeLog(asked, PrintLogEntry.Action.UNDONE, who, now);
            audit.printItems(AuditAction.PRINT_UNDO_HANDLED, asked);
        });
        log.info("print list: {} row(s) back to handle", asked.size());
        return view.byIds(asked);
    }

    /**
     * Merges the rows' PDFs first and changes state only when that worked, so a failed print never
     * marks a row handled. A row already handled may be printed again (a lost letter): it is logged,
     * and keeps who handled it first.
     */
    public PrintJob printAndMarkHandled(List<Long> ids, String actor) {
        List<Long> asked = checkIds(ids);
        String who = checkActor(actor);
        Map<Long, List<String>> refs = view.pdfRefs(asked);
        requireExisting(asked);
        List<Long> withoutPdf = asked.stream().filter(id -> refs.get(id).isEmpty()).toList();
        if (!withoutPdf.isEmpty()) {
            throw new PrintItemConflict("row(s) " + join(withoutPdf) + " have no PDF document to print; nothing was printed");
        }
        Path merged = merger.merge(asked.stream().flatMap(id -> refs.get(id).stream()).toList());
        try {
            tx.executeWithoutResult(s -> {
                Map<Long, Row> rows = lock(asked);
                Instant now = clock.instant();
                List<Long> todo = asked.stream().filter(id -> PrintList.TODO.equals(rows.get(id).status)).toList();
                setStatus(todo, PrintList.HANDLED, who, now);
                writeLog(asked, PrintLogEntry.Action.PRINTED, who, now);
                audit.printItems(AuditAction.PRINT, asked);
            });
        } catch (RuntimeException e) {
            PdfMerger.deleteQuietly(merged);
            throw e;
        }
        log.info("print list: {} row(s) printed ({} document(s))", asked.size(), refs.values().stream().mapToInt(List::size).sum());
        return new PrintJob(merged, asked);
    }

    private record Row(long id, String status, String handledBy, Timestamp handledAt) {}

    /** Locks the rows for this transaction, so two people acting on one row act one after the other. */
    private Map<Long, Row> lock(List<Long> ids) {
        Map<Long, Row> rows = new LinkedHashMap<>();
        jdbc.query("SELECT id, status, handled_by, handled_at FROM print_item WHERE id IN (" + PrintListQuery.placeholders(ids.size())
                        + ") ORDER BY id FOR UPDATE",
                (java.sql.ResultSet rs) -> {
                    rows.put(rs.getLong(1), new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getTimestamp(4)));
                }, ids.toArray());
        List<Long> missing = ids.stream().filter(id -> !rows.containsKey(id)).toList();
        if (!missing.isEmpty()) {
            throw new PrintItemsNotFound(missing);
        }
        return rows;
    }

    private void requireExisting(List<Long> ids) {
        Set<Long> found = new HashSet<>(jdbc.queryForList("SELECT id FROM print_item WHERE id IN ("
                + PrintListQuery.placeholders(ids.size()) + ")", Long.class, ids.toArray()));
        List<Long> missing = ids.stream().filter(id -> !found.contains(id)).toList();
        if (!missing.isEmpty()) {
            throw new PrintItemsNotFound(missing);
        }
    }

    private void setStatus(List<Long> ids, String status, String actor, Instant at) {
        if (ids.isEmpty()) {
            return;
        }
        Object[] args = new Object[ids.size() + 3];
        args[0] = status;
        args[1] = at == null ? null : Timestamp.from(at);
        args[2] = actor;
        for (int i = 0; i < ids.size(); i++) {
            args[i + 3] = ids.get(i);
        }
        jdbc.update("UPDATE print_item SET status = ?, handled_at = ?, handled_by = ? WHERE id IN ("
                + PrintListQuery.placeholders(ids.size()) + ")", args);
    }

    private void writeLog(List<Long> ids, PrintLogEntry.Action action, String actor, Instant at) {
        Timestamp when = Timestamp.from(at);
        jdbc.batchUpdate("INSERT INTO print_log (at, actor, action, print_item_id) VALUES (?, ?, ?, ?)",
                ids.stream().map(id -> new Object[] {when, actor, action.name(), id}).toList());
    }

    /** Distinct ids in the order asked; a row named twice is a mistake in the request, not a second copy. */
    static List<Long> checkIds(List<Long> ids) {
        if (ids == null || ids.isEmpty()) {
            throw new IllegalArgumentException("name at least one print list row ('ids')");
        }
        if (ids.size() > MAX_IDS) {
            throw new IllegalArgumentException("at most " + MAX_IDS + " rows per action, got " + ids.size());
        }
        if (ids.stream().anyMatch(java.util.Objects::isNull)) {
            throw new IllegalArgumentException("'ids' contains an empty value");
        }
        Set<Long> seen = new HashSet<>();
        List<Long> twice = ids.stream().filter(id -> !seen.add(id)).distinct().toList();
        if (!twice.isEmpty()) {
            throw new IllegalArgumentException("row(s) " + join(twice) + " named more than once");
        }
        return List.copyOf(ids);
    }

    /** The actor is who the print log names; required, and short enough for the log's column. */
    static String checkActor(String actor) {
        String who = actor == null ? "" : actor.strip();
        if (who.isEmpty()) {
            throw new IllegalArgumentException("say who acts: the user is required");
        }
        if (who.length() > MAX_ACTOR || who.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("the user must be at most " + MAX_ACTOR + " printable characters");
        }
        return who;
    }

    private static String describe(List<Row> rows) {
        return rows.stream().map(r -> "row " + r.id + " was handled by " + r.handledBy
                        + (r.handledAt == null ? "" : " at " + r.handledAt.toInstant()))
                .collect(Collectors.joining("; "));
    }

    private static String join(List<Long> ids) {
        return ids.stream().map(String::valueOf).collect(Collectors.joining(", "));
    }
}
