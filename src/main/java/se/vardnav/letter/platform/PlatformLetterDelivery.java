package se.vardnav.letter.platform;

import ca.uhn.fhir.context.FhirContext;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.vardnav.booking.BookingHeaders;
import se.vardnav.connector.platform.PlatformAccount;
import se.vardnav.connector.platform.PlatformClient;
import se.vardnav.connector.platform.PlatformRejectedException;
import se.vardnav.letter.AccountHandover;
import se.vardnav.letter.Letter;
import se.vardnav.letter.LetterDocuments;
import se.vardnav.letter.LetterFhir;
import se.vardnav.letter.LetterEscalations;
import se.vardnav.letter.Letters;
import se.vardnav.letter.print.PrintList;
import se.vardnav.notification.SmsRequest;
import se.vardnav.notification.SmsTemplates;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * The platform leg ({@code platform.letter}): the letter into the platform (idempotent on the hub's
 * letter id), the 48-hour timer started, and an SMS "a letter has arrived" planned for the patient's
 * registered mobile (header {@link #NOTIFY}; SmsDispatch sends one per business key). A platform that
 * refuses the letter for good sends it to the print list instead of the dead-letter queue.
 */
public class PlatformLetterDelivery {
    public static final String NOTIFY = "vardnavNotify";
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

    public PlatformLetterDelivery(Letters letters, LetterDocuments documents, PlatformClient platform,
                                  LetterEscalations escalations, PrintList printList, SmsTemplates templates, FhirContext fhir, Clock clock,
                                  AccountHandover handover) {
        this.handover = handover;
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
        try {
            PlatformLetters.Body body = PlatformLetters.json(letter, documents, now, fhir.newJsonParser());
            platform.upsertCommunication(LetterFhir.HUB_LETTER_ID, letterId, body.length(), body.writer());
        } catch (PlatformRejectedException refused) {
            letters.updateDelivery(letterId, Letters.PLATFORM, "FAILED", refused.getMessage());
            if (!letters.reachedPatient(letterId)) {
                printList.add(letterId, letter.kind().printType(), "the platform refused the letter (HTTP " + refused.statusCode() + ")");
                letters.addDelivery(letterId, Letters.PRINT, "PENDING", "platform refused the letter", null);
            }
            log.warn("Letter {} refused by the platform: {}", letterId, refused.getMessage());
            return;
        }
        letters.platformDelivered(letterId, now);
        escalations.schedule(letterId, now);
        log.info("Letter {} delivered to the platform", letterId);
        // routing's lookup of a moment ago when there is one (AccountHandover), else the platform's answer now
        Optional<String> mobile = handover.take(letterId).orElseGet(() -> platform.findAccount(letter.patientSystem(), letter.patientId()))
                .filter(PlatformAccount::active).flatMap(PlatformAccount::mobileNumber);
        if (mobile.isPresent()) {
            SmsRequest sms = new SmsRequest("letter|" + letterId, mobile.get(), templates.render(SMS_TEMPLATE, Map.of()),
                    letter.bookingId(), SMS_TEMPLATE);
            message.setBody(fhir.newJsonParser().encodeResourceToString(sms.toFhir()));
            message.setHeader(BookingHeaders.DUPLICATE_ID, sms.businessKey());
            message.setHeader(NOTIFY, true);
        }
    }
}
