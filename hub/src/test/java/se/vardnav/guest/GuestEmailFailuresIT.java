package se.vardnav.guest;

import org.apache.camel.ProducerTemplate;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import se.vardnav.fhir.Fhir;
import se.vardnav.notification.email.EmailRequest;
import se.vardnav.sim.platform.Guest;
import se.vardnav.sim.platform.HubGuests;
import se.vardnav.support.AdminClient;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** What goes wrong: the mail server down, an address that can never work, a platform sending nonsense. */
class GuestEmailFailuresIT extends GuestTestBase {
    @Autowired
    ProducerTemplate producer;

    @Test
    void anEmailWaitsWhileTheMailServerIsDownAndIsSentExactlyOnceWhenItIsBack() {
        String id = confirmedBooking();
        mail.stop();
        invite(id, Guest.interpreter("tolk-6", "Tolkesson", "Ture", "070-555 10 06", "ture.tolk@example.se"));
        // the SMS does not wait for the mail server
        await().until(() -> smsTo("+46705551006").size() == 1);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> !mail.isRunning());

        mail.start();
        await().atMost(Duration.ofSeconds(20)).until(() -> mailTo("ture.tolk@example.se").size() == 1);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4)).until(() -> mailTo("ture.tolk@example.se").size() == 1);
        assertThat(new AdminClient(httpPort).deadLetters("DLQ.notify.email"))
                .noneMatch(d -> String.valueOf(d.get("reason")).contains("guest|"));
    }

    @Test
    void anAddressThatCanNeverWorkGoesToTheDeadLetterQueueWithAReasonThatDoesNotNameIt() {
        String key = "test|" + UUID.randomUUID();
        EmailRequest bad = new EmailRequest(key, "nils..nilsson@@example", "Ämne", "Text", null, "guest-invitation");
        producer.sendBody("jms:queue:notify.email", ca.uhn.fhir.context.FhirContext.forR4Cached().newJsonParser()
                .encodeResourceToString(bad.toFhir()));
        await().until(() -> deadLetter(key) != null);
        String reason = String.valueOf(deadLetter(key).get("reason"));
        assertThat(reason).contains(key, "address").doesNotContain("nils", "example");
    }

    @Test
    void invalidGuestsAreRefusedWith422AndAReasonThatNamesNoOne() {
        String id = newBookingId();
        HubGuests.Answer noContact = platform.sendGuests(hubFhir(), id, List.of(Guest.relative("a", "Anhörigsson", "Ada", null, null)));
        assertThat(noContact.status()).isEqualTo(422);
        assertThat(diagnostics(noContact)).contains("neither a mobile number nor an e-mail address").doesNotContain("Ada");

        HubGuests.Answer badPhone = platform.sendGuests(hubFhir(), id, List.of(Guest.relative("b", "Anhörigsson", "Bo", "12", "bo@@x")));
        assertThat(badPhone.status()).isEqualTo(422);
        assertThat(diagnostics(badPhone)).contains("mobile number", "e-mail address is not valid").doesNotContain("bo@@x", "Bo");

        Appointment noBookingId = new Appointment();
        noBookingId.setStatus(Appointment.AppointmentStatus.BOOKED);
        noBookingId.addIdentifier(new Identifier().setSystem("urn:other").setValue(id));
        HubGuests.Answer noId = platform.sendGuests(hubFhir(), noBookingId);
        assertThat(noId.status()).isEqualTo(422);
        assertThat(diagnostics(noId)).contains(Fhir.JOURNAL_BOOKING_ID);

        Appointment noGuests = new Appointment();
        noGuests.setStatus(Appointment.AppointmentStatus.BOOKED);
        noGuests.addIdentifier(new Identifier().setSystem(Fhir.JOURNAL_BOOKING_ID).setValue(id));
        assertThat(diagnostics(platform.sendGuests(hubFhir(), noGuests))).contains("no guest");
    }

    private static String diagnostics(HubGuests.Answer answer) {
        return ((OperationOutcome) answer.resource()).getIssue().stream().map(OperationOutcome.OperationOutcomeIssueComponent::getDiagnostics)
                .reduce("", (a, b) -> a + "; " + b);
    }

    private Map<String, Object> deadLetter(String key) {
        return new AdminClient(httpPort).deadLetters("DLQ.notify.email").stream()
                .filter(d -> String.valueOf(d.get("reason")).contains(key)).findFirst().orElse(null);
    }
}
