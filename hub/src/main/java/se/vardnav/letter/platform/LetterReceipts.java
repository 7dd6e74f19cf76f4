package se.vardnav.letter.platform;

import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.vardnav.fhir.CommunicationReceiver;
import se.vardnav.letter.LetterFhir;
import se.vardnav.letter.Letters;

import java.time.Clock;
import java.time.Instant;

/**
 * Read receipts from the visit platform: {@code POST /fhir/Communication} with category
 * {@code letter-event#read}, {@code inResponseTo} the letter (identifier = the hub's letter id) and
 * {@code received} = when the patient opened it. Recorded as {@code letter.platform_opened_at} (the first opening counts).
 */
public class LetterReceipts implements CommunicationReceiver {
    private static final Logger log = LoggerFactory.getLogger(LetterReceipts.class);
    private final Letters letters;
    private final Clock clock;

    public LetterReceipts(Letters letters, Clock clock) {
        this.letters = letters;
        this.clock = clock;
    }

    @Override
    public boolean accepts(Communication c) {
        return c.getCategory().stream().flatMap(cc -> cc.getCoding().stream())
                .anyMatch(code -> LetterFhir.LETTER_EVENT.equals(code.getSystem()) && LetterFhir.READ.equals(code.getCode()));
    }

    @Override
    public MethodOutcome receive(Communication c) {
        String letterId = c.getInResponseTo().stream().filter(Reference::hasIdentifier).map(Reference::getIdentifier)
                .filter(i -> LetterFhir.HUB_LETTER_ID.equals(i.getSystem()) && i.hasValue()).map(i -> i.getValue())
                .findFirst().orElseThrow(() -> new UnprocessableEntityException(
                        "read receipt: inResponseTo must identify the letter (system " + LetterFhir.HUB_LETTER_ID + ")"));
        Instant opened = c.hasReceived() ? c.getReceived().toInstant() : clock.instant();
        if (!letters.platformOpened(letterId, opened)) {
            throw new ResourceNotFoundException("no letter with that id");
        }
        log.info("Letter {} opened in the platform", letterId);
        MethodOutcome outcome = new MethodOutcome(new IdType("Communication", "receipt-" + letterId), true);
        return outcome;
    }
}
