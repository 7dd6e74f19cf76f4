package se.vardnav.letter.platform;

import ca.uhn.fhir.context.FhirContext;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.vardnav.broker.HubHeaders;
import se.vardnav.connector.platform.PlatformAccount;
import se.vardnav.connector.platform.PlatformClient;
import se.vardnav.connector.platform.PlatformRejectedException;
import se.vardnav.connector.platform.PlatformTransientException;
import se.vardnav.letter.AccountHandover;
import se.vardnav.letter.Letter;
import se.vardnav.document.LetterDocuments;
import se.vardnav.letter.LetterFhir;
import se.vardnav.letter.LetterEscalations;
import se.vardnav.letter.Letters;
import se.vardnav.letter.print.PrintList;
import se.vardnav.notification.SmsRequest;
import se.vardnav.notification.SmsTemplates;

import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * The platform leg ({@code platform.letter}): the letter into the platform (idempotent on the hub's
 * letter id), the 48-hour timer started, and an SMS "a letter has arrived" planned for the patient's
 * registered mobile (header {@link #NOTIFY}; SmsDispatch sends one per business key). Each PDF goes first, as a
 * Binary of its own with a timeout for its size, then the Communication that points to them. A platform that
 * refuses the letter for good, or fails it {@link LetterRetryCap too often}, sends it to the print list instead
 * of the dead-letter queue.
 */
public class PlatformLetterDelivery {
    private static final String NOTIFY = HubHeaders.NOTIFY;
    public static final String SMS_TEMPLATE = "letter-arrived";
    private static final Logger log = LoggerFactory.getLogger(PlatformLetterDelivery.class);

    private final Letters letters;
    private final LetterDocuments documents;
    private final PlatformClient platform;
    private final LetterEscalations escalations;
    private final PrintList printList;
    private final SmsTemplates templates;
    private final FhirContext fhir;
    private final Clock clock;
    private final AccountHandover handover;
    private final LetterRetryCap cap;

    public PlatformLetterDelivery(Letters letters, LetterDocuments documents, PlatformClient platform,
                                  LetterEscalations escalations, PrintList printList, SmsTemplates templates, FhirContext fhir, Clock clock,
                                  AccountHandover handover, LetterRetryCap cap) {
        this.handover = handover;
        this.cap = cap;
        this.letters = letters;
        this.documents = documents;
        this.platform = platform;
        this.escalations = escalations;
        this.printList = printList;
        this.templates = templates;
        this.fhir = fhir;
        this.clock = clock;
    }

    public void deliver(Message message) {
        String letterId = message.getBody(String.class);
        message.setHeader(NOTIFY, false);
        Letter letter = letters.get(letterId);
        Instant now = clock.instant();
        // routing's lookup of a moment ago when there is one (AccountHandover), else the platform's answer now;
        // asked first: the account guards the PDFs (the Binaries' security context) and has the mobile for the SMS
        Optional<PlatformAccount> account = handover.take(letterId)
                .orElseGet(() -> platform.findAccount(letter.patientSystem(), letter.patientId()));
        try {
            boolean again = message.getHeader(Exchange.REDELIVERY_COUNTER, 0, Integer.class) > 0
                    || Boolean.TRUE.equals(message.getHeader("JMSRedelivered", Boolean.class));
            for (Letter.Document d : letter.documents()) {
                upload(letter, d, account, again);
            }
            platform.upsertCommunication(PlatformLetters.toCommunication(letter, now), LetterFhir.HUB_LETTER_ID, letterId);
        } catch (PlatformRejectedException refused) {
            toPrintList(letter, refused.getMessage(), "the platform refused the letter (HTTP " + refused.statusCode() + ")");
            log.warn("Letter {} refused by the platform: {}", letterId, refused.getMessage());
            return;
        } catch (PlatformTransientException failed) {
            if (!cap.counts(failed)) {
                throw failed; // the platform is away: wait for it, however long
            }
            int failures = letters.deliveryAttemptFailed(letterId, Letters.PLATFORM, failed.getMessage());
            if (!cap.exhausted(failures)) {
                throw failed;
            }
            String reason = cap.printReason(failures, failed);
            toPrintList(letter, reason, reason);
            log.warn("Letter {} given up on the platform: {}", letterId, reason);
            return;
        }
        letters.platformDelivered(letterId, now);
        escalations.schedule(letterId, now);
        log.info("Letter {} delivered to the platform", letterId);
        Optional<String> mobile = account.filter(PlatformAccount::active).flatMap(PlatformAccount::mobileNumber);
        if (mobile.isPresent()) {
            SmsRequest sms = new SmsRequest("letter|" + letterId, mobile.get(), templates.render(SMS_TEMPLATE, Map.of()),
                    letter.bookingId(), SMS_TEMPLATE);
            message.setBody(sms); // queued by the route (letter-platform -> notify-sms)
            message.setHeader(NOTIFY, true);
        }
    }

    /**
     * One PDF as a Binary, streamed from the document store. On a redelivery a Binary the platform already has
     * (an earlier attempt stored it, then failed on a later one) is not sent again.
     */
    private void upload(Letter letter, Letter.Document d, Optional<PlatformAccount> account, boolean again) {
        String id = PlatformLetters.binaryId(letter, d);
        if (again && platform.binaryExists(id)) {
            return;
        }
        String securityContext = account.map(a -> "Patient/" + a.platformId()).orElse(null);
        platform.putBinary(id, d.contentType(), d.size(), securityContext, out -> {
            try (InputStream pdf = documents.open(d.ref())) {
                pdf.transferTo(out);
            }
        });
    }

    /** The platform leg failed for good: paper instead, unless the patient already has the letter. */
    private void toPrintList(Letter letter, String detail, String reason) {
        letters.updateDelivery(letter.id(), Letters.PLATFORM, "FAILED", detail);
        if (!letters.reachedPatient(letter.id())) {
            printList.add(letter.id(), letter.kind().printType(), reason);
            letters.addDelivery(letter.id(), Letters.PRINT, "PENDING", reason, null);
        }
    }
}
