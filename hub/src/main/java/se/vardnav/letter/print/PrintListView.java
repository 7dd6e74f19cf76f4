package se.vardnav.letter.print;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import se.vardnav.identity.Masking;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the print list and its log for staff: rows joined with their letter, patients masked. */
public class PrintListView {
    private static final String SELECT = """
            SELECT p.id, p.letter_id, p.print_type, p.reason, p.status, p.created_at, p.handled_at, p.handled_by,
                   l.document_name, l.patient_id, l.created_at AS letter_created_at, l.source
            FROM print_item p LEFT JOIN letter l ON l.id = p.letter_id
            """;
    private final JdbcTemplate jdbc;
    /** letter.patient_id is stored sealed (personal data at rest) */
    private final se.vardnav.privacy.DataCipher cipher;

    public PrintListView(JdbcTemplate jdbc, se.vardnav.privacy.DataCipher cipher) {
        this.cipher = cipher;
        this.jdbc = jdbc;
    }

    /** A page of the selection, newest first; one row more than asked tells the caller there is more. */
    public List<PrintItem> find(PrintListQuery query, int limit, int offset) {
        PrintListQuery.Where where = query.where();
        List<Object> args = new ArrayList<>(where.args());
        args.add(limit);
        args.add(offset);
        return jdbc.query(SELECT + " WHERE " + where.sql() + " ORDER BY p.created_at DESC, p.id DESC LIMIT ? OFFSET ?",
                ITEM, args.toArray());
    }

    /** The rows with these ids, in the order asked; ids not on the list are left out. */
    public List<PrintItem> byIds(List<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        List<PrintItem> found = jdbc.query(SELECT + " WHERE p.id IN (" + PrintListQuery.placeholders(ids.size()) + ")",
                ITEM, ids.toArray());
        found.sort(Comparator.comparingInt(item -> ids.indexOf(item.id())));
        return found;
    }

    /** The PDFs of each row's letter in the letter's document order, keyed by row id in the order asked. */
    public Map<Long, List<String>> pdfRefs(List<Long> ids) {
        Map<Long, List<String>> refs = new LinkedHashMap<>();
        ids.forEach(id -> refs.put(id, new ArrayList<>()));
        jdbc.query("""
                SELECT p.id, d.ref FROM print_item p JOIN letter_document d ON d.letter_id = p.letter_id
                WHERE p.id IN (%s) AND LOWER(d.content_type) LIKE 'application/pdf%%' ORDER BY p.id, d.seq
                """.formatted(PrintListQuery.placeholders(ids.size())),
                (ResultSet rs) -> {
                    refs.get(rs.getLong(1)).add(rs.getString(2));
                }, ids.toArray());
        return refs;
    }

    /** The print log between two instants (either may be null), newest first. */
    public List<PrintLogEntry> log(Instant from, Instant to, int limit, int offset) {
        List<String> clauses = new ArrayList<>(List.of("1 = 1"));
        List<Object> args = new ArrayList<>();
        if (from != null) {
            clauses.add("g.at >= ?");
            args.add(Timestamp.from(from));
        }
        if (to != null) {
            clauses.add("g.at < ?");
            args.add(Timestamp.from(to));
        }
        args.add(limit);
        args.add(offset);
        return jdbc.query("""
                SELECT g.id, g.at, g.actor, g.action, g.print_item_id, p.letter_id, p.print_type, l.document_name, l.patient_id
                FROM print_log g LEFT JOIN print_item p ON p.id = g.print_item_id LEFT JOIN letter l ON l.id = p.letter_id
                WHERE %s ORDER BY g.at DESC, g.id DESC LIMIT ? OFFSET ?
                """.formatted(String.join(" AND ", clauses)),
                (rs, n) -> new PrintLogEntry(rs.getLong("id"), instant(rs, "at"), rs.getString("actor"), rs.getString("action"),
                        rs.getLong("print_item_id"), rs.getString("letter_id"), type(rs.getString("print_type")),
                        rs.getString("document_name"), Masking.personnummer(this.cipher.open(rs.getString("patient_id")))),
                args.toArray());
    }

    private final RowMapper<PrintItem> ITEM = this::item;

    private PrintItem item(ResultSet rs, int n) throws SQLException {
        PrintType type = type(rs.getString("print_type"));
        String status = rs.getString("status");
        return new PrintItem(rs.getLong("id"), rs.getString("letter_id"), instant(rs, "created_at"), type,
                type == null ? null : type.label(), rs.getString("document_name"), instant(rs, "letter_created_at"),
                Masking.personnummer(this.cipher.open(rs.getString("patient_id"))), rs.getString("source"), rs.getString("reason"), status,
                PrintList.HANDLED.equals(status) ? "Åtgärdad" : PrintStatusFilter.TODO.label(),
                rs.getString("handled_by"), instant(rs, "handled_at"));
    }

    private static PrintType type(String name) {
        if (name == null) {
            return null;
        }
        try {
            return PrintType.valueOf(name);
        } catch (IllegalArgumentException unknown) {
            return PrintType.OVRIGA;
        }
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
