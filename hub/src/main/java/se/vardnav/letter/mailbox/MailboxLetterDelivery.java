package se.vardnav.letter.mailbox;

import se.vardnav.broker.HubHeaders;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.vardnav.connector.mailbox.MailboxLetter;
import se.vardnav.connector.mailbox.MailboxOperator;
import se.vardnav.connector.mailbox.MailboxOperators;
import se.vardnav.connector.mailbox.MailboxReceipt;
import se.vardnav.connector.mailbox.MailboxRefusedException;
import se.vardnav.letter.Letter;
import se.vardnav.letter.LetterAppointment;
import se.vardnav.letter.LetterKind;
import se.vardnav.letter.Letters;
import se.vardnav.letter.print.PrintList;
import se.vardnav.letter.routing.LetterRouter;

import java.time.Clock;

/**
 * The mailbox leg: one letter to one operator, from that operator's own queue. Each send is recorded
 * before it goes (an attempt) and the operator's acceptance after (its transaction id, status
 * DELIVERED); a letter whose channel is DELIVERED is never sent again — a redelivered queue message after
 * a crash or restart finds it so. A send that crashed before its acceptance was recorded is sent again
 * with the same letter id, which the operator treats as the same delivery (Reference / identical payload).
 * A transient failure ({@code MailboxUnavailableException}) propagates and is retried on that queue only;
 * a refusal sends the letter to the print list unless it also went to the platform, and its reason is
 * kept for the status report.
 */
public class MailboxLetterDelivery {
    private static final Logger log = LoggerFactory.getLogger(MailboxLetterDelivery.class);
    private final Letters letters;
    private final MailboxOperators operators;
    private final PrintList printList;
    private final Clock clock;

    public MailboxLetterDelivery(Letters letters, MailboxOperators operators, PrintList printList, Clock clock) {
        this.letters = letters;
        this.operators = operators;
        this.printList = printList;
        this.clock = clock;
    }

    public void deliver(Message message) {
        String letterId = message.getBody(String.class);
        String operatorId = message.getHeader(HubHeaders.LETTER_OPERATOR, String.class);
        String channel = Letters.MAILBOX_PREFIX + operatorId;
        var deliveries = letters.deliveries(letterId);
        if (!"PENDING".equals(deliveries.get(channel)) || !letters.mailboxAttempt(letterId, channel)) {
            log.info("Letter {} not sent to mailbox operator {} again: {}", letterId, operatorId, deliveries.get(channel));
            return;
        }
        MailboxOperator operator = operators.byId(operatorId)
                .orElseThrow(() -> new IllegalStateException("mailbox operator " + operatorId + " is not configured"));
        Letter letter = letters.get(letterId);
        String serviceAddress = letters.serviceAddress(letterId, channel).orElse(null);
        LetterAppointment appointment = letter.kind() == LetterKind.KALLELSE ? letters.appointment(letterId).orElse(null) : null;
        try {
            MailboxReceipt receipt = operator.deliver(toMailboxLetter(letter, appointment, serviceAddress));
            letters.mailboxDelivered(letterId, channel, receipt.operatorName(), receipt.transactionId(), clock.instant());
            log.info("Letter {} delivered to mailbox operator {}", letterId, operatorId);
        } catch (MailboxRefusedException refused) {
            letters.updateDelivery(letterId, channel, "DECLINED", refused.getMessage());
            String reason = "digital mailbox refused the letter: " + refused.getMessage();
            letters.mailboxNote(letterId, reason);
            if (!deliveries.containsKey(Letters.PLATFORM)) {
                printList.add(letterId, letter.kind().printType(), reason.length() > 255 ? reason.substring(0, 255) : reason);
                letters.addDelivery(letterId, Letters.PRINT, "PENDING", reason, null);
            }
            log.warn("Letter {} refused by mailbox operator {}: {}", letterId, operatorId, refused.getMessage());
        }
    }

    static MailboxLetter toMailboxLetter(Letter letter, LetterAppointment appointment, String serviceAddress) {
        var docs = letter.documents().stream()
                .map(d -> new MailboxLetter.Document(d.filename(), d.contentType(), d.ref(), d.size(), d.md5())).toList();
        MailboxLetter.Booking booking = appointment == null ? null : new MailboxLetter.Booking(appointment.title(),
                appointment.start(), appointment.end(), appointment.location(), appointment.description());
        return new MailboxLetter(letter.id(), letter.patientId(), subject(letter.kind()), letter.text(), docs, booking, serviceAddress,
                letter.createdAt());
    }

    /** Not the document name: a subject is shown in lists and notifications and must say nothing sensitive. */
    static String subject(LetterKind kind) {
        return switch (kind) {
            case KALLELSE -> "Kallelse från vården";
            case REMISSBEKRAFTELSE -> "Remissbekräftelse från vården";
            default -> "Brev från vården";
        };
    }
}
