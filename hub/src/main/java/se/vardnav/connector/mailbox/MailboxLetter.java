package se.vardnav.connector.mailbox;

import java.time.Instant;
import java.util.List;

/**
 * A letter as a mailbox operator receives it. The PDFs are references into the hub's document
 * store ({@link se.vardnav.document.LetterDocuments}); the connector streams them from there.
 *
 * @param letterId       the hub's letter id: the delivery's reference and idempotency key
 * @param recipientId    personnummer, 12 digits
 * @param subject        ≤ 255 characters, nothing sensitive
 * @param serviceAddress the operator's ServiceAdress from the Recipient service (may be null for REST operators)
 * @param booking        for a kallelse: the booking it is about, else null
 * @param created        when the hub took the letter in (may be null); Kivra's generated_at is derived from it,
 *                       so a retry on another day still sends an identical payload (Kivra dedups identical payloads)
 */
public record MailboxLetter(String letterId, String recipientId, String subject, String bodyText,
                            List<Document> attachments, Booking booking, String serviceAddress, Instant created) {

    /** Without a creation time: generated_at becomes the day of sending. */
    public MailboxLetter(String letterId, String recipientId, String subject, String bodyText,
                         List<Document> attachments, Booking booking, String serviceAddress) {
        this(letterId, recipientId, subject, bodyText, attachments, booking, serviceAddress, null);
    }

    /** The same letter for another operator address (from the Recipient service). */
    public MailboxLetter withServiceAddress(String address) {
        return new MailboxLetter(letterId, recipientId, subject, bodyText, attachments, booking, address, created);
    }

    public record Document(String filename, String contentType, String ref, long size, String md5) {}

    public record Booking(String title, Instant start, Instant end, String location, String description) {}

    /** Never the recipient or the text. */
    @Override
    public String toString() {
        return "MailboxLetter[" + letterId + "]";
    }
}
