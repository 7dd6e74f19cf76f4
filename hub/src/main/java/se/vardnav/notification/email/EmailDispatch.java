package se.vardnav.notification.email;

import ca.uhn.fhir.context.FhirContext;
import io.micrometer.core.instrument.MeterRegistry;
import org.hl7.fhir.r4.model.CommunicationRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rules around handing one planned e-mail to the region's SMTP server (route email-delivery; the send
 * itself is route smtp-send, camel-mail): once per business key, so a request whose key was already accepted is
 * not sent again. An address that can never work is refused with a reason that does not name it, for the
 * dead-letter queue; a server that is down makes the e-mail wait.
 */
public class EmailDispatch {
    private static final Logger log = LoggerFactory.getLogger(EmailDispatch.class);
    private final FhirContext fhir;
    private final EmailSends sends;
    private final MeterRegistry meters;

    public EmailDispatch(FhirContext fhir, EmailSends sends, MeterRegistry meters) {
        this.fhir = fhir;
        this.sends = sends;
        this.meters = meters;
    }

    /** The e-mail to send, or null when its key was already accepted; throws for an address that can never work. */
    public EmailRequest toSend(String communicationRequestJson) {
        EmailRequest request = EmailRequest.of(fhir.newJsonParser().parseResource(CommunicationRequest.class, communicationRequestJson));
        if (sends.sent(request.businessKey())) {
            meters.counter("vardnav.email", "outcome", "already-sent").increment();
            return null;
        }
        if (!EmailAddresses.valid(request.address())) {
            meters.counter("vardnav.email", "outcome", "bad-address").increment();
            throw new UnsendableEmailException("e-mail " + request.businessKey() + " not sent: the address is not valid");
        }
        return request;
    }

    /** The mail server took it: recorded, so a redelivery does not send it again. */
    public void accepted(EmailRequest request) {
        sends.accepted(request);
        meters.counter("vardnav.email", "outcome", "sent").increment();
        log.info("E-mail {} accepted by the mail server", request.businessKey());
    }

    /** The mail server did not take it: always throws, transient (retried) or not (dead letter), naming no address. */
    public void failed(EmailRequest request, Exception failure) {
        RuntimeException classified = EmailFailures.classify(request.businessKey(), failure);
        meters.counter("vardnav.email", "outcome", classified instanceof EmailTransientException ? "retry" : "refused").increment();
        throw classified;
    }
}
