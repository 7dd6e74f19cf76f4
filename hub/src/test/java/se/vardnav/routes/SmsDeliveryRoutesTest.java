package se.vardnav.routes;

import se.vardnav.broker.HubHeaders;
import ca.uhn.fhir.context.FhirContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.hl7.fhir.r4.model.CommunicationRequest;
import org.junit.jupiter.api.Test;
import se.vardnav.broker.HubRoutes;
import se.vardnav.deadletter.DeadLetters;
import se.vardnav.notification.Reminders;
import se.vardnav.notification.SmsRequest;
import se.vardnav.notification.email.EmailRequest;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Contract of routes/sms-delivery.yaml: the one way onto notify.sms, and what notify.sms's consumer does with a bad message. */
class SmsDeliveryRoutesTest extends RouteContractTestBase {
    private static final String SMS_QUEUE = "notify.sms";

    @Test
    void notifySmsEncodesTheRequestAndUsesItsBusinessKeyAsDuplicateId() throws Exception {
        SmsRequest sms = new SmsRequest("contract|1|booking-confirmation", "+46701234567", "Din tid är bokad.", "B-1", "booking-confirmation");
        MockEndpoint out = queue(SMS_QUEUE);
        out.expectedMessageCount(1);
        out.expectedHeaderReceived("_AMQ_DUPL_ID", sms.businessKey());

        producer.sendBody(HubRoutes.NOTIFY_SMS, sms);

        out.assertIsSatisfied();
        assertThat(out.getReceivedExchanges().get(0).getMessage().getBody(String.class)).doesNotContain("701234567");
        assertThat(out.getReceivedExchanges().get(0).getMessage().getHeader("vardnavNoticeKey")).isEqualTo(sms.businessKey());
        String json = opened(out, 0);
        assertThat(SmsRequest.of(FhirContext.forR4Cached().newJsonParser().parseResource(CommunicationRequest.class, json))).isEqualTo(sms);
    }

    @Test
    void notifySendsEachNoticeThroughTheRouteOfItsQueue() throws Exception {
        SmsRequest sms = new SmsRequest("contract|2|guest-invitation", "+46701234568", "Du är inbjuden.");
        EmailRequest email = new EmailRequest("contract|2|guest-invitation-email", "gast@example.se", "Inbjudan", "Du är inbjuden.", null, null);
        MockEndpoint smsOut = queue(SMS_QUEUE);
        MockEndpoint emailOut = queue("notify.email");
        smsOut.expectedHeaderReceived("_AMQ_DUPL_ID", sms.businessKey());
        emailOut.expectedHeaderReceived("_AMQ_DUPL_ID", email.businessKey());
        smsOut.expectedMessageCount(1);
        emailOut.expectedMessageCount(1);

        producer.sendBody(HubRoutes.NOTIFY, List.of(sms, email));

        MockEndpoint.assertIsSatisfied(smsOut, emailOut);
    }

    @Test
    void theReminderBatchGoesAsStoredWithEachRemindersDuplicateId() throws Exception {
        MockEndpoint out = queue(SMS_QUEUE);
        out.expectedMessageCount(2);
        out.expectedHeaderValuesReceivedInAnyOrder("_AMQ_DUPL_ID", "G-1|3|reminder", "G-2|1|reminder");

        producer.sendBody(HubRoutes.NOTIFY_SMS_BATCH, List.of(new Reminders.StoredSms("G-1|3|reminder", "{\"a\":1}"),
                new Reminders.StoredSms("G-2|1|reminder", "{\"b\":2}")));

        out.assertIsSatisfied();
        assertThat(List.of(opened(out, 0), opened(out, 1))).containsExactly("{\"a\":1}", "{\"b\":2}");
    }

    @Test
    void anUnreadableSmsGoesToItsDeadLetterQueueWithAReasonAndIsNotRetried() throws Exception {
        MockEndpoint dlq = deadLetters();
        dlq.expectedMessageCount(1);
        dlq.expectedHeaderReceived(HubHeaders.DEAD_LETTER_QUEUE, "DLQ." + SMS_QUEUE);
        dlq.expectedHeaderReceived(HubHeaders.DEAD_LETTER_ORIGIN, SMS_QUEUE);
        dlq.expectedHeaderReceived(HubHeaders.DEAD_LETTER_ATTEMPTS, 1);
        NotifyBuilder consumed = done(HubRoutes.SMS_DELIVERY, 1);

        onQueue(SMS_QUEUE, "not a CommunicationRequest", Map.of());

        assertDone(consumed);
        dlq.assertIsSatisfied();
        assertThat(dlq.getReceivedExchanges().get(0).getMessage().getHeader(HubHeaders.DEAD_LETTER_REASON, String.class)).isNotBlank();
        assertThat(opened(dlq, 0)).as("a dead letter keeps its content, sealed").isEqualTo("not a CommunicationRequest");
        assertThat(smsGateway.received()).isEmpty();
    }
}
