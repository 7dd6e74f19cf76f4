package se.vardnav.routes;

import se.vardnav.broker.HubHeaders;
import ca.uhn.fhir.context.FhirContext;
import jakarta.mail.MessagingException;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.hl7.fhir.r4.model.CommunicationRequest;
import org.junit.jupiter.api.Test;
import se.vardnav.broker.HubRoutes;
import se.vardnav.deadletter.DeadLetters;
import se.vardnav.notification.email.EmailRequest;

import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Contract of routes/email-delivery.yaml: the one way onto notify.email, and notify.email -> SMTP with its failure paths. */
class EmailDeliveryRoutesTest extends RouteContractTestBase {
    private static final String EMAIL_QUEUE = "notify.email";
    private static final FhirContext FHIR = FhirContext.forR4Cached();

    private static EmailRequest email(String address) {
        return new EmailRequest("contract|" + UUID.randomUUID() + "|guest-invitation", address, "Inbjudan till videobesök",
                "Du är inbjuden till ett videobesök.", "B-1", "guest-invitation");
    }

    private static String json(EmailRequest e) {
        return FHIR.newJsonParser().encodeResourceToString(e.toFhir());
    }

    @Test
    void notifyEmailEncodesTheRequestAndUsesItsBusinessKeyAsDuplicateId() throws Exception {
        EmailRequest e = email("gast@example.se");
        MockEndpoint out = queue(EMAIL_QUEUE);
        out.expectedMessageCount(1);
        out.expectedHeaderReceived("_AMQ_DUPL_ID", e.businessKey());

        producer.sendBody(HubRoutes.NOTIFY_EMAIL, e);

        out.assertIsSatisfied();
        String body = opened(out, 0);
        assertThat(EmailRequest.of(FHIR.newJsonParser().parseResource(CommunicationRequest.class, body))).isEqualTo(e);
    }

    @Test
    void anEmailGoesToSmtpWithOnlyItsOwnHeadersAndOnlyOnce() throws Exception {
        EmailRequest e = email("gast@example.se");
        MockEndpoint smtp = mock("mock://smtp");
        smtp.expectedMessageCount(1);
        smtp.expectedBodiesReceived(e.text());
        smtp.expectedHeaderReceived("To", e.address());
        smtp.expectedHeaderReceived("Subject", e.subject());
        NotifyBuilder twice = done(HubRoutes.EMAIL_DELIVERY, 2);

        onQueue(EMAIL_QUEUE, json(e), Map.of("vardnavBookingId", "B-1"));
        onQueue(EMAIL_QUEUE, json(e), Map.of()); // redelivered: its key was accepted already

        assertDone(twice);
        smtp.assertIsSatisfied();
        assertThat(smtp.getReceivedExchanges().get(0).getMessage().getHeaders().keySet())
                .filteredOn(h -> !h.startsWith("Camel")) // camel-mail's header filter keeps these out of the mail
                .containsExactlyInAnyOrder("To", "Subject", "Content-Type");
    }

    @Test
    void aBadAddressIsDeadLetteredAtOnceWithAReasonThatDoesNotNameIt() throws Exception {
        EmailRequest e = email("inte-en-adress");
        MockEndpoint smtp = mock("mock://smtp");
        smtp.expectedMessageCount(0);
        MockEndpoint dlq = deadLetters();
        dlq.expectedMessageCount(1);
        dlq.expectedHeaderReceived(HubHeaders.DEAD_LETTER_QUEUE, "DLQ." + EMAIL_QUEUE);
        dlq.expectedHeaderReceived(HubHeaders.DEAD_LETTER_ATTEMPTS, 1);
        NotifyBuilder consumed = done(HubRoutes.EMAIL_DELIVERY, 1);

        onQueue(EMAIL_QUEUE, json(e), Map.of());

        assertDone(consumed);
        MockEndpoint.assertIsSatisfied(smtp, dlq);
        String reason = dlq.getReceivedExchanges().get(0).getMessage().getHeader(HubHeaders.DEAD_LETTER_REASON, String.class);
        assertThat(reason).contains("UnsendableEmailException").doesNotContain(e.address());
        assertThat(opened(dlq, 0)).isEqualTo(json(e));
    }

    @Test
    void aMailServerThatIsDownIsRetriedThenDeadLettered() throws Exception {
        EmailRequest e = email("gast@example.se");
        MockEndpoint smtp = mock("mock://smtp");
        smtp.whenAnyExchangeReceived(x -> {
            throw new MessagingException("Could not connect to SMTP host");
        });
        smtp.expectedMessageCount(2); // the try and the one retry this context allows
        MockEndpoint dlq = deadLetters();
        dlq.expectedMessageCount(1);
        dlq.expectedHeaderReceived(HubHeaders.DEAD_LETTER_QUEUE, "DLQ." + EMAIL_QUEUE);
        NotifyBuilder consumed = done(HubRoutes.EMAIL_DELIVERY, 1);

        onQueue(EMAIL_QUEUE, json(e), Map.of());

        assertDone(consumed);
        MockEndpoint.assertIsSatisfied(smtp, dlq);
        assertThat(dlq.getReceivedExchanges().get(0).getMessage().getHeader(HubHeaders.DEAD_LETTER_REASON, String.class))
                .contains("EmailTransientException");
    }
}
