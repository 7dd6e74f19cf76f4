package se.vardnav.notification;

import ca.uhn.fhir.context.FhirContext;
import io.micrometer.core.instrument.MeterRegistry;
import org.hl7.fhir.r4.model.CommunicationRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.vardnav.connector.sms.SmsAccepted;
import se.vardnav.connector.sms.SmsGateway;
import se.vardnav.connector.sms.SmsMessage;
import se.vardnav.notification.sms.E164;
import se.vardnav.notification.sms.InvalidPhoneNumberException;
import se.vardnav.notification.sms.PhoneNumbers;
import se.vardnav.notification.sms.SmsText;
import se.vardnav.notification.sms.SmsTooLongException;

/**
 * Hands one planned SMS to the region's gateway, once: a request whose business key the gateway has
 * already accepted is not sent again (a redelivery after a crash, a duplicate from upstream).
 * A number or text that can never be sent is refused with the reason, for the dead-letter queue.
 */
public class SmsDispatch {
    private static final Logger log = LoggerFactory.getLogger(SmsDispatch.class);
    private final FhirContext fhir;
    private final SmsGateway gateway;
    private final String gatewayName;
    private final String sender;
    private final int maxSegments;
    private final SmsSends sends;
    private final io.micrometer.core.instrument.Counter sent;
    private final io.micrometer.core.instrument.Counter alreadySent;

    public SmsDispatch(FhirContext fhir, SmsGateway gateway, String gatewayName, String sender, int maxSegments,
                       SmsSends sends, MeterRegistry meters) {
        this.fhir = fhir;
        this.gateway = gateway;
        this.gatewayName = gatewayName;
        this.sender = sender;
        this.maxSegments = maxSegments;
        this.sends = sends;
        // looked up once: a registry lookup by name and tags per SMS showed in the send path's profile
        this.sent = meters.counter("vardnav.sms", "gateway", gatewayName, "outcome", "sent");
        this.alreadySent = meters.counter("vardnav.sms", "gateway", gatewayName, "outcome", "already-sent");
    }

    public enum Outcome { SENT, ALREADY_SENT }

    public Outcome send(String communicationRequestJson) {
        SmsRequest request = SmsRequest.of(fhir.newJsonParser().parseResource(CommunicationRequest.class, communicationRequestJson));
        if (sends.find(request.businessKey()).isPresent()) {
            alreadySent.increment();
            return Outcome.ALREADY_SENT;
        }
        E164 to;
        SmsText text;
        try {
            to = PhoneNumbers.normaliseMobile(request.phone());
            text = SmsText.of(request.text()).requireAtMost(maxSegments);
        } catch (InvalidPhoneNumberException e) {
            throw new UnsendableSmsException("SMS " + request.businessKey() + " not sent: phone number " + e.reason());
        } catch (SmsTooLongException e) {
            throw new UnsendableSmsException("SMS " + request.businessKey() + " not sent: text is " + e.reason());
        }
        SmsAccepted accepted = gateway.send(new SmsMessage(request.businessKey(), sender, to.value(), text.text(),
                text.encoding() == SmsText.Encoding.UCS2));
        sends.accepted(request, gatewayName, accepted.gatewayId(), text.segments());
        sent.increment();
        log.info("SMS {} accepted by {} ({} segment(s), {}) to {}", request.businessKey(), gatewayName,
                text.segments(), text.encoding(), to.masked());
        return Outcome.SENT;
    }

    /** Permanent: this request can never be sent as it is. */
    public static class UnsendableSmsException extends RuntimeException {
        public UnsendableSmsException(String message) {
            super(message);
        }
    }
}
