package se.vardnav.letter;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import se.vardnav.identity.IdentityKind;
import se.vardnav.privacy.DataCipher;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The letters and where each went (tables {@code letter}, {@code letter_document}, {@code letter_delivery}).
 * The status report reads the same rows: platform status and times, the mailbox that received it. The patient's
 * identifier, the letter's text and the documents' file names are stored sealed ({@link DataCipher}); every reader opens them.
 */
public class Letters {
    public static final String PLATFORM = "platform";
    public static final String PRINT = "print";
    public static final String MAILBOX_PREFIX = "mailbox:";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final DataCipher cipher;

    public Letters(JdbcTemplate jdbc, TransactionTemplate tx, Clock clock, DataCipher cipher) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.clock = clock;
        this.cipher = cipher;
    }

    /** The stored letter's id and whether this call stored it (false: the source sent this letter before). */
    public record Saved(String id, boolean created) {}

    /** Stores the letter once per (source, source letter id); the documents must already be in the store. */
    /**
     * @param text        the text as the patient reads it (control codes already taken out)
     * @param controlCode the control code(s) the journal put in the footer, or null
     * @param appointment for a kallelse, the appointment it is about (may be null)
     */
    public Saved save(String source, String sourceLetterId, LetterKind kind, String documentName, IdentityKind patientKind,
                      String patientId, String bookingId, String text, String controlCode, Set<String> labels, String codeProblem,
                      List<Letter.Document> documents, LetterAppointment appointment) {
        Optional<String> existing = idOf(source, sourceLetterId);
        if (existing.isPresent()) {
            return new Saved(existing.get(), false);
        }
        String id = UUID.randomUUID().toString();
        try {
            tx.executeWithoutResult(s -> {
                jdbc.update("INSERT INTO letter (id, source, source_letter_id, kind, document_name, patient_system, patient_id, booking_id,"
                                + " created_at, platform_status, body_text, control_code, security_labels, code_problem, routing_status)"
                                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'NONE', ?, ?, ?, ?, 'RECEIVED')",
                        id, source, sourceLetterId, kind.name(), documentName, patientKind.system(), cipher.seal(patientId), bookingId,
                        Timestamp.from(clock.instant()), cipher.seal(text), controlCode, String.join(",", labels), codeProblem);
                if (appointment != null) {
                    jdbc.update("INSERT INTO letter_appointment (letter_id, title, start_at, end_at, location, description) VALUES (?, ?, ?, ?, ?, ?)",
                            id, appointment.title(), Timestamp.from(appointment.start()),
                            appointment.end() == null ? null : Timestamp.from(appointment.end()), appointment.location(), appointment.description());
                }
                for (Letter.Document d : documents) {
                    jdbc.update("INSERT INTO letter_document (letter_id, seq, filename, content_type, ref, size_bytes, md5) VALUES (?, ?, ?, ?, ?, ?, ?)",
                            id, d.seq(), cipher.seal(d.filename()), d.contentType(), d.ref(), d.size(), d.md5());
                }
            });
            return new Saved(id, true);
        } catch (DuplicateKeyException raced) {
            return new Saved(idOf(source, sourceLetterId).orElseThrow(), false);
        }
    }

    public Optional<String> idOf(String source, String sourceLetterId) {
        return jdbc.queryForList("SELECT id FROM letter WHERE source = ? AND source_letter_id = ?", String.class, source, sourceLetterId)
                .stream().findFirst();
    }

    public Optional<Letter> find(String id) {
        List<Letter.Document> docs = jdbc.query("SELECT seq, filename, content_type, ref, size_bytes, md5 FROM letter_document WHERE letter_id = ? ORDER BY seq",
                (rs, i) -> new Letter.Document(rs.getInt(1), cipher.open(rs.getString(2)), rs.getString(3), rs.getString(4), rs.getLong(5), rs.getString(6)), id);
        return jdbc.query("SELECT * FROM letter WHERE id = ?", (rs, i) -> letter(rs, docs), id).stream().findFirst();
    }

    public Letter get(String id) {
        return find(id).orElseThrow(() -> new IllegalStateException("no letter " + id));
    }

    private Letter letter(ResultSet rs, List<Letter.Document> docs) throws SQLException {
        String system = rs.getString("patient_system");
        IdentityKind kind = Arrays.stream(IdentityKind.values()).filter(k -> k.system().equals(system)).findFirst().orElseThrow();
        String labels = rs.getString("security_labels");
        Set<String> labelSet = labels == null || labels.isBlank() ? Set.of()
                : Arrays.stream(labels.split(",")).collect(Collectors.toCollection(LinkedHashSet::new));
        return new Letter(rs.getString("id"), rs.getString("source"), rs.getString("source_letter_id"), LetterKind.valueOf(rs.getString("kind")),
                rs.getString("document_name"), kind, cipher.open(rs.getString("patient_id")), rs.getString("booking_id"),
                rs.getTimestamp("created_at").toInstant(), cipher.open(rs.getString("body_text")), labelSet, rs.getString("code_problem"),
                rs.getString("routing_status"), docs);
    }

    /** The appointment a kallelse is about, when the journal sent it with the letter. */
    public Optional<LetterAppointment> appointment(String letterId) {
        return jdbc.query("SELECT title, start_at, end_at, location, description FROM letter_appointment WHERE letter_id = ?",
                (rs, i) -> new LetterAppointment(rs.getString(1), rs.getTimestamp(2).toInstant(),
                        rs.getTimestamp(3) == null ? null : rs.getTimestamp(3).toInstant(), rs.getString(4), rs.getString(5)),
                letterId).stream().findFirst();
    }

    /** Durable before a mailbox send: one more attempt, now. Returns false when the channel is already DELIVERED. */
    public boolean mailboxAttempt(String letterId, String channel) {
        return jdbc.update("UPDATE letter_delivery SET attempts = attempts + 1, attempted_at = ? WHERE letter_id = ? AND channel = ? AND status <> 'DELIVERED'",
                Timestamp.from(clock.instant()), letterId, channel) == 1;
    }

    /** The mailbox did not take the letter: why, for the status report. */
    public void mailboxNote(String letterId, String note) {
        jdbc.update("UPDATE letter SET mailbox_note = ? WHERE id = ?", truncate(note), letterId);
    }

    /** Records the routing outcome once; false when the letter was routed before (a redelivered event). */
    public boolean markRouted(String id, String status, String detail) {
        return jdbc.update("UPDATE letter SET routing_status = ?, routing_detail = ?, routed_at = ? WHERE id = ? AND routing_status = 'RECEIVED'",
                status, truncate(detail), Timestamp.from(clock.instant()), id) == 1;
    }

    /** Adds a channel row unless there is one (PK letter id + channel: one delivery per channel). */
    public boolean addDelivery(String letterId, String channel, String status, String detail, String serviceAddress) {
        try {
            jdbc.update("INSERT INTO letter_delivery (letter_id, channel, status, detail, updated_at, service_address) VALUES (?, ?, ?, ?, ?, ?)",
                    letterId, channel, status, truncate(detail), Timestamp.from(clock.instant()), serviceAddress);
            return true;
        } catch (DuplicateKeyException already) {
            return false;
        }
    }

    public void updateDelivery(String letterId, String channel, String status, String detail) {
        jdbc.update("UPDATE letter_delivery SET status = ?, detail = ?, updated_at = ? WHERE letter_id = ? AND channel = ?",
                status, truncate(detail), Timestamp.from(clock.instant()), letterId, channel);
    }

    /**
     * One more failed attempt on the channel, with what went wrong (no personal data: a status or "no answer");
     * returns how many there have been. Kept in the database, so a restart does not start the count again.
     */
    public int deliveryAttemptFailed(String letterId, String channel, String detail) {
        String update = "UPDATE letter_delivery SET attempts = attempts + 1, detail = ?, updated_at = ? WHERE letter_id = ? AND channel = ?";
        if (jdbc.update(update, truncate(detail), Timestamp.from(clock.instant()), letterId, channel) == 0) {
            addDelivery(letterId, channel, "PENDING", detail, null); // routed before the row was kept: count from here
            jdbc.update(update, truncate(detail), Timestamp.from(clock.instant()), letterId, channel);
        }
        Integer n = jdbc.queryForList("SELECT attempts FROM letter_delivery WHERE letter_id = ? AND channel = ?", Integer.class, letterId, channel)
                .stream().findFirst().orElse(null);
        return n == null ? 1 : n;
    }

    /** channel → status of every delivery of the letter. */
    public Map<String, String> deliveries(String letterId) {
        return jdbc.query("SELECT channel, status FROM letter_delivery WHERE letter_id = ? ORDER BY channel",
                rs -> {
                    Map<String, String> m = new java.util.LinkedHashMap<>();
                    while (rs.next()) {
                        m.put(rs.getString(1), rs.getString(2));
                    }
                    return m;
                }, letterId);
    }

    public Optional<String> serviceAddress(String letterId, String channel) {
        return jdbc.queryForList("SELECT service_address FROM letter_delivery WHERE letter_id = ? AND channel = ?", String.class, letterId, channel)
                .stream().findFirst();
    }

    /** The platform has the letter; the first delivery time is kept. */
    public void platformDelivered(String id, Instant at) {
        jdbc.update("UPDATE letter SET platform_status = 'DELIVERED', platform_delivered_at = ? WHERE id = ? AND platform_status = 'NONE'",
                Timestamp.from(at), id);
        updateDelivery(id, PLATFORM, "DELIVERED", null);
    }

    /** The patient opened it in the platform; false when the hub knows no such letter. */
    public boolean platformOpened(String id, Instant at) {
        return jdbc.update("UPDATE letter SET platform_status = 'OPENED', platform_opened_at = ? WHERE id = ? AND platform_opened_at IS NULL",
                Timestamp.from(at), id) == 1
                || !jdbc.queryForList("SELECT id FROM letter WHERE id = ?", String.class, id).isEmpty();
    }

    /** The operator took the letter (its transaction id kept): one transaction, so a restart never sends it again. */
    public void mailboxDelivered(String id, String channel, String operatorName, String transactionId, Instant at) {
        tx.executeWithoutResult(s -> {
            jdbc.update("UPDATE letter SET mailbox = ?, mailbox_delivered_at = ? WHERE id = ? AND mailbox_delivered_at IS NULL",
                    operatorName, Timestamp.from(at), id);
            jdbc.update("UPDATE letter_delivery SET status = 'DELIVERED', detail = ?, transaction_id = ?, updated_at = ? WHERE letter_id = ? AND channel = ?",
                    truncate(operatorName), transactionId == null || transactionId.length() <= 128 ? transactionId : transactionId.substring(0, 128),
                    Timestamp.from(clock.instant()), id, channel);
        });
    }

    /** Opened in the platform or received by a mailbox: the patient has it, paper is not needed. */
    public boolean reachedPatient(String id) {
        Map<String, Object> r = jdbc.queryForMap("SELECT platform_status, mailbox_delivered_at FROM letter WHERE id = ?", id);
        return "OPENED".equals(r.get("platform_status")) || r.get("mailbox_delivered_at") != null;
    }

    private static String truncate(String s) {
        return s == null || s.length() <= 255 ? s : s.substring(0, 255);
    }
}
