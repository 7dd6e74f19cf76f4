package se.vardnav.letter.report;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import se.vardnav.identity.Masking;
import se.vardnav.letter.LetterKind;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Reads the letter status report from the letter tables, newest first, a page at a time by keyset
 * (created_at, id): each query is short and bounded, so even an export of 50,000 letters holds one
 * page in memory and no database cursor open while the client reads.
 */
public class LetterReport {
    /** Rows per query when the whole selection is exported. */
    public static final int BATCH = 1000;
    private static final String SELECT = """
            SELECT l.id, l.created_at, l.patient_id, l.document_name, l.kind, l.source, l.source_letter_id,
                   l.platform_status, l.platform_opened_at, l.mailbox, l.mailbox_delivered_at, l.mailbox_note,
                   p.id AS print_id, p.status AS print_status, p.handled_at AS print_handled_at, p.reason AS print_reason
            FROM letter l LEFT JOIN print_item p ON p.letter_id = l.id
            """;
    private final JdbcTemplate jdbc;
    private final ZoneId zone;
    /** letter.patient_id is stored sealed (personal data at rest) */
    private final se.vardnav.privacy.DataCipher cipher;

    public LetterReport(JdbcTemplate jdbc, ZoneId zone, se.vardnav.privacy.DataCipher cipher) {
        this.cipher = cipher;
        this.jdbc = jdbc;
        this.zone = zone;
    }

    public ZoneId zone() {
        return zone;
    }

    /** Up to {@code limit} rows after the cursor (null: from the newest). */
    public List<LetterReportRow> page(ReportQuery query, ReportQuery.Cursor after, int limit) {
        ReportQuery.Where where = query.where(zone, after);
        List<Object> args = new ArrayList<>(where.args());
        args.add(limit);
        return jdbc.query(SELECT + " WHERE " + where.sql() + " ORDER BY l.created_at DESC, l.id DESC LIMIT ?", ROW, args.toArray());
    }

    /** Every row of the selection, in report order, a batch at a time. */
    public void forEach(ReportQuery query, Consumer<LetterReportRow> each) {
        ReportQuery.Cursor after = null;
        List<LetterReportRow> batch;
        do {
            batch = page(query, after, BATCH);
            batch.forEach(each);
            if (!batch.isEmpty()) {
                LetterReportRow last = batch.get(batch.size() - 1);
                after = new ReportQuery.Cursor(last.createdAt(), last.letterId());
            }
        } while (batch.size() == BATCH);
    }

    private final RowMapper<LetterReportRow> ROW = this::row;

    private LetterReportRow row(ResultSet rs, int n) throws SQLException {
        return new LetterReportRow(
            rs.getString("id"), instant(rs, "created_at"), Masking.personnummer(this.cipher.open(rs.getString("patient_id"))),
            rs.getString("document_name"), kind(rs.getString("kind")), rs.getString("source"), rs.getString("source_letter_id"),
            rs.getString("platform_status"), instant(rs, "platform_opened_at"), rs.getString("mailbox"),
            instant(rs, "mailbox_delivered_at"), rs.getObject("print_id") != null, rs.getString("print_status"),
            instant(rs, "print_handled_at"), rs.getString("mailbox_note"), rs.getString("print_reason"));
    }

    private static LetterKind kind(String name) {
        try {
            return name == null ? null : LetterKind.valueOf(name);
        } catch (IllegalArgumentException unknown) {
            return LetterKind.OVRIGT;
        }
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
