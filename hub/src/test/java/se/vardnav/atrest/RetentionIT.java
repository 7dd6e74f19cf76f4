package se.vardnav.atrest;

import se.vardnav.privacy.DataCipher;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import se.vardnav.broker.HubRoutes;
import se.vardnav.document.LetterDocuments;
import se.vardnav.support.HubTestBase;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each table keeps what a flow needs for its retention, by the hub's clock, and the purge takes the rest; a letter
 * still on the print list stays whatever its age. Every row sits a day inside its retention, then the clock moves two
 * days on (rows of other tests, hours old, are untouched).
 */
class RetentionIT extends HubTestBase {
    @Autowired
    Retention retention;
    @Autowired
    DataCipher cipher;
    @Autowired
    LetterDocuments documents;
    @Autowired
    CamelContext camel;

    @Test
    void eachTableIsPurgedAfterItsRetentionAndWhatAFlowWaitsForStays() {
        Instant t = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        clock.setNow(t);
        String run = UUID.randomUUID().toString().substring(0, 8);
        String booking = "RET-" + run;

        jdbc.update("INSERT INTO reminder (booking_key, source, booking_id, version, due_at, status) VALUES (?, 'TC', ?, 1, ?, 'SENT')",
                "TC|" + booking, booking, ago(t, 29));
        jdbc.update("INSERT INTO sms_send (business_key, gateway, segments, status, accepted_at, recorded_at) VALUES (?, 'elks', 1, 'DELIVERED', ?, ?)",
                "sms-" + run, ago(t, 179), ago(t, 179));
        jdbc.update("INSERT INTO chat_notice (recipient_key, first_at, due_at, message_count, status) VALUES (?, ?, ?, 1, 'SENT')",
                "chat-" + run, ago(t, 6), ago(t, 6));
        jdbc.update("INSERT INTO guest_booking (source, booking_id, last_version, status, start_at) VALUES ('TC', ?, 1, 'BOOKED', ?)", booking, ago(t, 29));
        jdbc.update("INSERT INTO guest (source, booking_id, guest_key, role, phone, email, created_at) VALUES ('TC', ?, ?, 'interpreter', ?, ?, ?)",
                booking, "g-" + run, cipher.seal("+46705550001"), cipher.seal("tolk@example.org"), ago(t, 40));
        jdbc.update("INSERT INTO withheld_booking (source, booking_id, version, reason, withheld_at) VALUES ('TC', ?, 1, 'PROTECTED_IDENTITY', ?)",
                booking, ago(t, 179));
        String oldLetter = letter("old-" + run, ago(t, 729), null);
        String pdfRef = documents.put(("%PDF-1.4 " + run).getBytes(StandardCharsets.US_ASCII)).ref();
        String doneLetter = letter("done-" + run, ago(t, 89), pdfRef);
        String printRef = documents.put(("%PDF-1.4 print " + run).getBytes(StandardCharsets.US_ASCII)).ref();
        String onPrintList = letter("print-" + run, ago(t, 800), printRef);
        jdbc.update("INSERT INTO print_item (letter_id, print_type, reason, status, created_at) VALUES (?, 'OVRIGA', 'no channel', 'TODO', ?)",
                onPrintList, ago(t, 800));

        retention.purge();
        assertThat(count("reminder", "booking_id", booking)).isOne();
        assertThat(count("sms_send", "business_key", "sms-" + run)).isOne();
        assertThat(count("chat_notice", "recipient_key", "chat-" + run)).isOne();
        assertThat(jdbc.queryForObject("SELECT phone FROM guest WHERE guest_key = ?", String.class, "g-" + run)).isNotNull();
        assertThat(count("withheld_booking", "booking_id", booking)).isOne();
        assertThat(count("letter", "id", oldLetter)).isOne();
        assertThat(count("letter_document", "letter_id", doneLetter)).isOne();
        assertThat(documents.exists(pdfRef)).isTrue();

        clock.setNow(t.plus(Duration.ofDays(2)));
        retention.purge();
        assertThat(count("reminder", "booking_id", booking)).isZero();
        assertThat(count("sms_send", "business_key", "sms-" + run)).isZero();
        assertThat(count("chat_notice", "recipient_key", "chat-" + run)).isZero();
        assertThat(jdbc.queryForMap("SELECT phone, email FROM guest WHERE guest_key = ?", "g-" + run)).containsValues(null, null);
        assertThat(count("withheld_booking", "booking_id", booking)).isZero();
        assertThat(count("letter", "id", oldLetter)).as("the letter past letters' retention").isZero();
        assertThat(count("letter", "id", doneLetter)).as("its row stays for the report").isOne();
        assertThat(count("letter_document", "letter_id", doneLetter)).isZero();
        assertThat(jdbc.queryForObject("SELECT body_text FROM letter WHERE id = ?", String.class, doneLetter)).isNull();
        assertThat(documents.exists(pdfRef)).as("its PDF is deleted from the store").isFalse();
        assertThat(count("letter_document", "letter_id", onPrintList)).as("a letter on the print list keeps its PDF").isOne();
        assertThat(documents.exists(printRef)).isTrue();
        assertThat(camel.getRoute(HubRoutes.DATA_RETENTION)).as("the scheduled route that runs the purge").isNotNull();

        // the print list is shared with other tests
        jdbc.update("DELETE FROM print_item WHERE letter_id = ?", onPrintList);
    }

    private String letter(String sourceId, Timestamp created, String ref) {
        String id = UUID.randomUUID().toString();
        jdbc.update("INSERT INTO letter (id, source, source_letter_id, kind, document_name, patient_system, patient_id, created_at,"
                        + " platform_status, body_text, routing_status) VALUES (?, 'TC', ?, 'EBREV', 'Provsvar', ?, ?, ?, 'NONE', ?, 'ROUTED')",
                id, sourceId, se.vardnav.identity.IdentityKind.PERSONNUMMER.system(), cipher.seal("191212121212"), created,
                ref == null ? null : cipher.seal("Hej!"));
        if (ref != null) {
            jdbc.update("INSERT INTO letter_document (letter_id, seq, filename, content_type, ref, size_bytes, md5) VALUES (?, 1, ?, 'application/pdf', ?, 10, 'x')",
                    id, cipher.seal("brev.pdf"), ref);
        }
        return id;
    }

    private int count(String table, String column, String value) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM " + table + " WHERE " + column + " = ?", Integer.class, value);
    }

    private static Timestamp ago(Instant t, int days) {
        return Timestamp.from(t.minus(Duration.ofDays(days)));
    }
}
