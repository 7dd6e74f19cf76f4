package se.vardnav.notification;

import ca.uhn.fhir.context.FhirContext;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.CommunicationRequest;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jms.core.JmsTemplate;
import se.vardnav.support.AdminClient;
import se.vardnav.support.HubTestBase;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * notify.sms → the SMS gateway over its real protocol: once per business key, reports back. The same
 * suite runs against each protocol (subclasses).
 */
abstract class SmsDeliverySuite extends HubTestBase {
    private static final FhirContext FHIR = FhirContext.forR4Cached();
    @Autowired
    JmsTemplate jms;

    static String request(String key, String phone, String text) {
        return request(key, phone, text, null);
    }

    /** With a booking id, the send shows among that booking's Communications. */
    static String request(String key, String phone, String text, String bookingId) {
        CommunicationRequest cr = new CommunicationRequest();
        cr.addIdentifier(new Identifier().setSystem(SmsRequest.NOTIFICATION_KEY).setValue(key));
        cr.setStatus(CommunicationRequest.CommunicationRequestStatus.ACTIVE);
        cr.addMedium(new CodeableConcept(new Coding(SmsRequest.MEDIUM, SmsRequest.SMS, "SMS")));
        Patient recipient = new Patient();
        recipient.setId("recipient");
        recipient.addTelecom().setSystem(ContactPoint.ContactPointSystem.PHONE).setUse(ContactPoint.ContactPointUse.MOBILE).setValue(phone);
        cr.addContained(recipient);
        cr.addRecipient(new Reference("#recipient"));
        cr.addPayload().setContent(new StringType(text));
        if (bookingId != null) {
            cr.addAbout(new Reference().setType("Appointment")
                    .setIdentifier(new Identifier().setSystem(se.vardnav.fhir.Fhir.JOURNAL_BOOKING_ID).setValue(bookingId)));
        }
        return FHIR.newJsonParser().encodeResourceToString(cr);
    }

    /** The booking's Communications as the platform reads them from the hub's FHIR endpoint. */
    protected List<Communication> communications(String bookingId) {
        var client = se.vardnav.support.TestFhirClients.hub(FHIR, "http://127.0.0.1:" + httpPort + "/fhir");
        String token = java.net.URLEncoder.encode(se.vardnav.fhir.Fhir.JOURNAL_BOOKING_ID + "|" + bookingId, java.nio.charset.StandardCharsets.UTF_8);
        Bundle b = client.search().byUrl("Communication?about:identifier=" + token).returnBundle(Bundle.class).execute();
        return b.getEntry().stream().map(e -> (Communication) e.getResource()).toList();
    }

    /** The hub's own report callback, as anyone on the network could call it: the HTTP status. */
    protected int callReportUrl(String method, String pathAndQuery, String form) throws Exception {
        var b = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + httpPort + pathAndQuery));
        b = "POST".equals(method)
                ? b.header("Content-Type", "application/x-www-form-urlencoded").POST(java.net.http.HttpRequest.BodyPublishers.ofString(form))
                : b.GET();
        return se.vardnav.support.HubHttp.client().send(b.build(), java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    protected String status(String key) {
        List<String> s = jdbc.queryForList("SELECT status FROM sms_send WHERE business_key = ?", String.class, key);
        return s.isEmpty() ? null : s.get(0);
    }

    /** vardnav.sms.protocol of this suite's hub. */
    protected abstract String protocol();

    protected void enqueue(String json) {
        jms.convertAndSend("notify.sms", json);
    }

    /** What the gateway received: (to, text) pairs. */
    protected abstract List<Sent> received();

    protected abstract void gatewayDown();

    protected abstract void gatewayUp();

    /** Ask the gateway to report delivery of what it accepts (HTTP); SMPP does by registered delivery. */
    protected void reportDeliveries() {
    }

    protected record Sent(String to, String text) {}

    private List<Sent> receivedFor(String text) {
        return received().stream().filter(r -> text.equals(r.text())).toList();
    }

    @Test
    void anSmsReachesTheGatewayWithANormalisedNumberAndItsDeliveryReportIsRecorded() {
        String key = "sms-" + UUID.randomUUID();
        String text = "Välkommen till ditt videobesök i morgon kl 09:00. " + key;
        reportDeliveries();
        enqueue(request(key, "070-123 45 67", text));
        await().until(() -> receivedFor(text).size() == 1);
        assertThat(receivedFor(text).get(0).to()).endsWith("46701234567");
        await().until(() -> "DELIVERED".equals(jdbc.queryForObject("SELECT status FROM sms_send WHERE business_key = ?", String.class, key)));
    }

    @Test
    void theSameRequestTwiceIsSentOnce() {
        String key = "sms-" + UUID.randomUUID();
        String text = "Påminnelse " + key;
        enqueue(request(key, "0701234567", text));
        await().until(() -> receivedFor(text).size() == 1);
        enqueue(request(key, "0701234567", text));
        String marker = "Markör " + UUID.randomUUID();
        enqueue(request("sms-" + UUID.randomUUID(), "0701234567", marker));
        await().until(() -> receivedFor(marker).size() == 1);
        assertThat(receivedFor(text)).hasSize(1);
    }

    @Test
    void gatewayDownThenUpEachSmsIsSentExactlyOnce() {
        gatewayDown();
        List<String> texts = List.of("Ett " + UUID.randomUUID(), "Två " + UUID.randomUUID(), "Tre " + UUID.randomUUID());
        texts.forEach(t -> enqueue(request("sms-" + UUID.randomUUID(), "0731234567", t)));
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> texts.stream().allMatch(t -> receivedFor(t).isEmpty()));
        gatewayUp();
        await().atMost(Duration.ofSeconds(20)).until(() -> texts.stream().allMatch(t -> receivedFor(t).size() == 1));
        assertThat(texts).allMatch(t -> receivedFor(t).size() == 1);
    }

    @Test
    void anInvalidNumberIsDeadLetteredWithAReasonAndNothingIsSent() {
        String key = "sms-" + UUID.randomUUID();
        String booking = "B-" + UUID.randomUUID();
        enqueue(request(key, "08-123 456 78", "Till en fast telefon " + key, booking));
        AdminClient admin = new AdminClient(httpPort);
        await().until(() -> admin.deadLetters("DLQ.notify.sms").stream()
                .anyMatch(r -> String.valueOf(r.get("reason")).contains(key)));
        assertThat(admin.deadLetters("DLQ.notify.sms").stream().filter(r -> String.valueOf(r.get("reason")).contains(key)))
                .allMatch(r -> String.valueOf(r.get("reason")).contains("not a mobile number")
                        && !String.valueOf(r.get("reason")).contains("12345678"));
        assertThat(received()).noneMatch(r -> r.text().contains(key));
        // the patient's Communications still show it, as not done, with the reason and without the number
        List<Communication> shown = communications(booking);
        assertThat(shown).hasSize(1);
        assertThat(shown.get(0).getStatus()).isEqualTo(Communication.CommunicationStatus.NOTDONE);
        assertThat(shown.get(0).getStatusReason().getText()).contains("not a mobile number").doesNotContain("12345678");
        assertThat(shown.get(0).hasSent()).isFalse();
    }

    @Test
    void theCallbacksOfGatewaysNotInUseAreClosed() throws Exception {
        String key = "sms-" + UUID.randomUUID();
        reportDeliveries();
        String text = "Stängd dörr " + key;
        enqueue(request(key, "0701234567", text));
        await().until(() -> status(key) != null && !"PENDING".equals(status(key)));
        String before = status(key);
        String k = java.net.URLEncoder.encode(key, java.nio.charset.StandardCharsets.UTF_8);
        for (String other : List.of("kannel", "elks")) {
            if (other.equals(protocol())) {
                continue;
            }
            int answer = "kannel".equals(other)
                    ? callReportUrl("GET", "/sms/reports/kannel?key=" + k + "&status=2&ts=1", null)
                    : callReportUrl("POST", "/sms/reports/elks?key=" + k, "id=" + k + "&status=failed");
            assertThat(answer).as(other + " callback while the hub uses " + protocol()).isEqualTo(404);
        }
        // the forged "failed" reports changed nothing; the gateway's own report (a real Kannel's may come at any
        // moment after the send) may still move it forward to delivered
        assertThat(status(key)).isIn(before, "DELIVERED");
    }
}
