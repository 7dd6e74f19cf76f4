package se.vardnav.notification.email;

import ca.uhn.fhir.context.FhirContext;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.hl7.fhir.r4.model.CommunicationRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands one planned e-mail to the region's SMTP server (camel-mail), once: a request whose business key
 * was already accepted is not sent again. An address that can never work is refused with a reason
 * that does not name it, for the dead-letter queue; a server that is down makes the e-mail wait.
 */
public class EmailDispatch {
    private static final Logger log = LoggerFactory.getLogger(EmailDispatch.class);
    private final FhirContext fhir;
    private final ProducerTemplate producer;
    private final String smtpUri;
    private final EmailSends sends;
    private final MeterRegistry meters;

    public EmailDispatch(FhirContext fhir, ProducerTemplate producer, String smtpUri, EmailSends sends, MeterRegistry meters) {
        this.fhir = fhir;
        this.producer = producer;
        this.smtpUri = smtpUri;
        this.sends = sends;
        this.meters = meters;
    }

    public enum Outcome { SENT, ALREADY_SENT }

    public Outcome send(String communicationRequestJson) {
        EmailRequest request = EmailRequest.of(fhir.newJsonParser().parseResource(CommunicationRequest.class, communicationRequestJson));
        if (sends.sent(request.businessKey())) {
            meters.counter("vardnav.email", "outcome", "already-sent").increment();
            return Outcome.ALREADY_SENT;
        }
        if (!EmailAddresses.valid(request.address())) {
            meters.counter("vardnav.email", "outcome", "bad-address").increment();
            throw new UnsendableEmailException("e-mail " + request.businessKey() + " not sent: the address is not valid");
        }
        // only these headers become the mail's: nothing of the hub's own travels to the recipient
        Exchange result = producer.send(smtpUri, ex -> {
            ex.getMessage().setHeader("To", request.address());
            ex.getMessage().setHeader("Subject", request.subject());
            ex.getMessage().setHeader(Exchange.CONTENT_TYPE, "text/plain; charset=UTF-8");
            ex.getMessage().setBody(request.text());
        });
        if (result.getException() != null) {
            RuntimeException classified = EmailFailures.classify(request.businessKey(), result.getException());
            meters.counter("vardnav.email", "outcome", classified instanceof EmailTransientException ? "retry" : "refused").increment();
            throw classified;
        }
        sends.accepted(request);
        meters.counter("vardnav.email", "outcome", "sent").increment();
        log.info("E-mail {} accepted by the mail server", request.businessKey());
        return Outcome.SENT;
    }
}
