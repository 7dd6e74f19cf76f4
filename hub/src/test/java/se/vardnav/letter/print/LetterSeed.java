package se.vardnav.letter.print;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.springframework.jdbc.core.JdbcTemplate;
import se.vardnav.fhir.Fhir;
import se.vardnav.document.LetterDocuments;
import se.vardnav.letter.LetterKind;
import se.vardnav.support.TestPersons;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Stores letters the way the letter flow does (V8): a {@code letter} row with where it went, one
 * {@code letter_document} row per PDF with the PDF itself in {@link LetterDocuments} (claim check),
 * and, when it must go out on paper, {@link PrintList#add}. The PDFs are real, made with PDFBox;
 * every page says which letter and page it is, so a print job's order can be read back.
 */
public final class LetterSeed {
    private final JdbcTemplate jdbc;
    private final LetterDocuments documents;
    private final PrintList printList;

    public LetterSeed(JdbcTemplate jdbc, LetterDocuments documents, PrintList printList) {
        this.jdbc = jdbc;
        this.documents = documents;
        this.printList = printList;
    }

    /** A stored letter; {@code patient} is the full number, which tests must never find in a list or log. */
    public record Letter(String id, String patient, int pages) {}

    public Builder letter() {
        return new Builder();
    }

    /** Puts a stored letter on the print list (the clock decides when) and returns the row's id. */
    public long toPrintList(Letter letter, PrintType type, String reason) {
        printList.add(letter.id(), type, reason);
        return jdbc.queryForObject("SELECT id FROM print_item WHERE letter_id = ?", Long.class, letter.id());
    }

    public final class Builder {
        private final String id = "L-" + UUID.randomUUID();
        private String source = "TakeCare";
        private LetterKind kind = LetterKind.KALLELSE;
        private String documentName = "Kallelse till röntgen";
        private String patient = TestPersons.next();
        private Instant createdAt = Instant.now();
        private String platformStatus = "NONE";
        private Instant deliveredAt;
        private Instant openedAt;
        private String mailbox;
        private Instant mailboxAt;
        private final List<Integer> documentPages = new ArrayList<>();

        public Builder source(String value) { source = value; return this; }
        public Builder kind(LetterKind value) { kind = value; return this; }
        public Builder documentName(String value) { documentName = value; return this; }
        public Builder patient(String value) { patient = value; return this; }
        public Builder createdAt(Instant value) { createdAt = value; return this; }

        /** One PDF per argument, with that many pages (default: one PDF of one page). */
        public Builder pdfs(int... pages) {
            for (int p : pages) {
                documentPages.add(p);
            }
            return this;
        }

        /** Delivered to the platform and not opened there (Ej läst). */
        public Builder deliveredToPlatform(Instant at) {
            platformStatus = "DELIVERED";
            deliveredAt = at;
            return this;
        }

        public Builder openedInPlatform(Instant delivered, Instant opened) {
            platformStatus = "OPENED";
            deliveredAt = delivered;
            openedAt = opened;
            return this;
        }

        public Builder receivedByMailbox(String operator, Instant at) {
            mailbox = operator;
            mailboxAt = at;
            return this;
        }

        public Letter save() {
            if (documentPages.isEmpty()) {
                documentPages.add(1);
            }
            jdbc.update("""
                    INSERT INTO letter (id, source, source_letter_id, kind, document_name, patient_system, patient_id, booking_id,
                        created_at, platform_status, platform_delivered_at, platform_opened_at, mailbox, mailbox_delivered_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                    id, source, "SRC-" + id, kind.name(), documentName, Fhir.PERSONNUMMER, patient,
                    kind == LetterKind.KALLELSE ? "B-" + id : null, Timestamp.from(createdAt), platformStatus,
                    ts(deliveredAt), ts(openedAt), mailbox, ts(mailboxAt));
            for (int seq = 0; seq < documentPages.size(); seq++) {
                LetterDocuments.Stored stored = documents.put(pdf(id, seq + 1, documentPages.get(seq)));
                jdbc.update("INSERT INTO letter_document (letter_id, seq, filename, content_type, ref, size_bytes, md5) VALUES (?, ?, ?, ?, ?, ?, ?)",
                        id, seq + 1, "dokument-" + (seq + 1) + ".pdf", "application/pdf", stored.ref(), stored.size(), stored.md5());
            }
            return new Letter(id, patient, documentPages.stream().mapToInt(Integer::intValue).sum());
        }
    }

    /** A PDF whose pages read "<letter id> document <n> page <p>". */
    public static byte[] pdf(String letterId, int document, int pages) {
        try (PDDocument doc = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            for (int p = 1; p <= pages; p++) {
                PDPage page = new PDPage();
                doc.addPage(page);
                try (PDPageContentStream text = new PDPageContentStream(doc, page)) {
                    text.beginText();
                    text.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
                    text.newLineAtOffset(72, 700);
                    text.showText(letterId + " document " + document + " page " + p);
                    text.endText();
                }
            }
            doc.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Timestamp ts(Instant t) {
        return t == null ? null : Timestamp.from(t);
    }
}
