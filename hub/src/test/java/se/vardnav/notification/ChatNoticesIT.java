package se.vardnav.notification;

import ca.uhn.fhir.context.FhirContext;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.Test;
import se.vardnav.fhir.Fhir;
import se.vardnav.sim.sms.ReceivedSms;
import se.vardnav.support.HubTestBase;
import se.vardnav.support.TestPersons;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** New-message notices from the visit platform: coalesced after the window, urgent and video invitations at once. */
class ChatNoticesIT extends HubTestBase {
    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private static final String SECRET = "hemligt provsvar";

    static Communication message(String patient, String mobile, String kind, boolean urgent) {
        Communication c = new Communication();
        c.addIdentifier(new Identifier().setSystem(ChatMessage.MESSAGE_ID).setValue("M-" + UUID.randomUUID()));
        c.setStatus(Communication.CommunicationStatus.COMPLETED);
        c.addCategory(new CodeableConcept(new Coding(ChatMessage.KIND, kind, null)));
        if (urgent) {
            c.setPriority(Communication.CommunicationPriority.URGENT);
        }
        Patient p = new Patient();
        p.setId("recipient");
        p.addIdentifier(new Identifier().setSystem(Fhir.PERSONNUMMER).setValue(patient));
        if (mobile != null) {
            p.addTelecom().setSystem(ContactPoint.ContactPointSystem.PHONE).setValue(mobile);
        }
        c.addContained(p);
        c.addRecipient(new Reference("#recipient"));
        c.addPayload().setContent(new StringType(SECRET));
        return c;
    }


    private List<ReceivedSms> to(String e164) {
        return smsGateway.received().stream().filter(r -> e164.equals(r.to())).toList();
    }

    @Test
    void messagesWithinTheWindowAreCoalescedIntoOneSmsAfterFifteenMinutes() throws Exception {
        String patient = TestPersons.next();
        Instant start = clock.instant();
        for (int i = 0; i < 3; i++) {
            assertThat(postChat(message(patient, "070-333 44 01", "message", false))).isEqualTo(201);
        }
        clock.setNow(start.plus(Duration.ofMinutes(14)));
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4)).until(() -> to("+46703334401").isEmpty());

        clock.setNow(start.plus(Duration.ofMinutes(15)).plusSeconds(1));
        await().until(() -> to("+46703334401").size() == 1);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4)).until(() -> to("+46703334401").size() == 1);
        assertThat(to("+46703334401").get(0).text()).contains("3 nya meddelanden").doesNotContain(SECRET);
    }

    @Test
    void aMessageAfterTheWindowClosedOpensANewOne() throws Exception {
        String patient = TestPersons.next();
        Instant start = clock.instant();
        assertThat(postChat(message(patient, "070-333 44 02", "message", false))).isEqualTo(201);
        clock.setNow(start.plus(Duration.ofMinutes(16)));
        await().until(() -> to("+46703334402").size() == 1);
        assertThat(to("+46703334402").get(0).text()).contains("ett nytt meddelande");

        assertThat(postChat(message(patient, "070-333 44 02", "message", false))).isEqualTo(201);
        clock.setNow(start.plus(Duration.ofMinutes(32)));
        await().until(() -> to("+46703334402").size() == 2);
    }

    @Test
    void anUrgentMessageIsNotifiedAtOnce() throws Exception {
        assertThat(postChat(message(TestPersons.next(), "070-333 44 03", "message", true))).isEqualTo(201);
        await().until(() -> to("+46703334403").size() == 1);
        assertThat(to("+46703334403").get(0).text()).contains("nytt meddelande").doesNotContain(SECRET);
    }

    @Test
    void aRepostedUrgentMessageIsSentOnce() throws Exception {
        Communication c = message(TestPersons.next(), "070-333 44 05", "message", true);
        assertThat(postChat(c)).isEqualTo(201);
        assertThat(postChat(c)).isEqualTo(201);
        await().until(() -> to("+46703334405").size() == 1);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4)).until(() -> to("+46703334405").size() == 1);
    }

    @Test
    void aVideoInvitationIsNotifiedAtOnceAndSaysThirtyMinutes() throws Exception {
        assertThat(postChat(message(TestPersons.next(), "070-333 44 04", "video-invitation", false))).isEqualTo(201);
        await().until(() -> to("+46703334404").size() == 1);
        assertThat(to("+46703334404").get(0).text()).contains("30 minuter").doesNotContain(SECRET);
    }

    @Test
    void aMessageWithoutPhoneIsRejectedWith422() throws Exception {
        assertThat(postChat(message(TestPersons.next(), null, "message", false))).isEqualTo(422);
    }
}
