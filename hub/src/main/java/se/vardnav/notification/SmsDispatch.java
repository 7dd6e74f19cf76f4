package se.vardnav.notification;

import ca.uhn.fhir.context.FhirContext;
import io.micrometer.core.instrument.MeterRegistry;
import org.hl7.fhir.r4.model.CommunicationRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.vardnav.connector.sms.SmsAccepted;
import se.vardnav.connector.sms.SmsGateway;
import se.vardnav.connector.sms.SmsMessage;
import se.vardnav.connector.sms.SmsRejectedException;
import se.vardnav.connector.sms.SmsTransientException;
import se.vardnav.notification.sms.E164;
import se.vardnav.notification.sms.InvalidPhoneNumberException;
import se.vardnav.notification.sms.PhoneNumbers;
import se.vardnav.notification.sms.SmsText;
import se.vardnav.notification.sms.SmsTooLongException;

import java.util.Optional;

/**
 * Hands one planned SMS to the region's gateway, once: a request whose business key the gateway already has is
 * not sent again (a redelivery after a crash, a duplicate from upstream). The send is recorded before the gateway
 * is called, so that a delivery report that overtakes the gateway's answer finds it. A number, text or message the
 * gateway can never take is refused with the reason (for the dead-letter queue) and recorded as not sent; a gateway
 * that takes nothing at all (down, wrong credentials) is a transient failure: the SMS waits.
 */
public class SmsDispatch {
    private static final Logger log = LoggerFactory.getLogger(SmsDispatch.class);
    private final FhirContext fhir;
    private final SmsGateway gateway;
    private final String gatewayName;
    private final String sender;
    private final int maxSegments;
    private final SmsSends sends;
    private final SmsGatewayHealth health;
    private final io.micrometer.core.instrument.Counter sent;
    private final io.micrometer.core.instrument.Counter alreadySent;

    public SmsDispatch(FhirContext fhir, SmsGateway gateway, String gatewayName, String sender, int maxSegments,
                       SmsSends sends, SmsGatewayHealth health, MeterRegistry meters) {
        this.fhir = fhir;
        this.gateway = gateway;
        this.gatewayName = gatewayName;
        this.sender = sender;
        this.maxSegments = maxSegments;
        this.sends = sends;
        this.health = health;
        // looked up once: a registry lookup by name and tags per SMS showed in the send path's profile
        this.sent = meters.counter("vardnav.sms", "gateway", gatewayName, "outcome", "sent");
        this.alreadySent = meters.counter("vardnav.sms", "gateway", gatewayName, "outcome", "already-sent");
    }

    public enum Outcome { SENT, ALREADY_SENT }

    public Outcome send(String communicationRequestJson) {
        SmsRequest request = SmsRequest.of(fhir.newJsonParser().parseResource(CommunicationRequest.class, communicationRequestJson));
        Optional<SmsSends.Send> known = sends.find(request.businessKey());
        if (known.isPresent() && known.get().taken()) {
            alreadySent.increment();
            return Outcome.ALREADY_SENT;
        }
        E164 to;
        SmsText text;
        try {
            to = PhoneNumbers.normaliseMobile(request.phone());
        } catch (InvalidPhoneNumberException e) {
            throw notSent(request, 0, "phone number " + e.reason());
        }
        try {
            text = SmsText.of(request.text(), gateway.splitting()).requireAtMost(maxSegments);
        } catch (SmsTooLongException e) {
            throw notSent(request, 0, "text is " + e.reason());
        }
        if (!sends.pending(request, gatewayName, text.segments())) {
            // another consumer is handing it over (or just did): this copy waits and then finds it sent
            throw new SmsTransientException("SMS " + request.businessKey() + " is being handed to the gateway by another consumer", 0, null);
        }
        SmsAccepted accepted;
        try {
            accepted = gateway.send(new SmsMessage(request.businessKey(), sender, to.value(), text.text(),
                    text.encoding() == SmsText.Encoding.UCS2));
        } catch (SmsRejectedException e) {
            health.answered();
            throw notSent(request, text.segments(), "refused: " + e.getMessage());
        } catch (SmsTransientException e) {
            sends.released(request);
            health.failed(e);
            throw e;
        }
        health.answered();
        sends.accepted(request, gatewayName, accepted.gatewayId(), text.segments());
        sent.increment();
        log.info("SMS {} accepted by {} ({} segment(s), {}) to {}", request.businessKey(), gatewayName,
                text.segments(), text.encoding(), to.masked());
        return Outcome.SENT;
    }

    /** Recorded as not sent (the Communications show it) and refused with the business key in the reason. */
    private UnsendableSmsException notSent(SmsRequest request, int segments, String reason) {
        sends.notSent(request, gatewayName, segments, reason);
        return new UnsendableSmsException("SMS " + request.businessKey() + " not sent: " + reason);
    }

    /** Permanent: this request can never be sent as it is. */
    public static class UnsendableSmsException extends RuntimeException {
        public UnsendableSmsException(String message) {
            super(message);
        }
    }
}
