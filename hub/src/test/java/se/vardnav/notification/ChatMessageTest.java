package se.vardnav.notification;

import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;
import se.vardnav.fhir.Fhir;

import static org.assertj.core.api.Assertions.assertThat;

class ChatMessageTest {

    @Test
    void theRecipientKeyIsStableButIsNotThePersonnummer() {
        ChatMessage a = ChatMessage.of(message("m1", "191212121212"));
        ChatMessage b = ChatMessage.of(message("m2", "191212121212"));
        ChatMessage other = ChatMessage.of(message("m3", "198001019876"));
        assertThat(a.recipientKey()).isEqualTo(b.recipientKey()).isNotEqualTo(other.recipientKey());
        assertThat(a.recipientKey()).doesNotContain("191212121212", "12121212");
    }

    private static Communication message(String id, String personnummer) {
        Communication c = new Communication();
        c.addIdentifier(new Identifier().setSystem(ChatMessage.MESSAGE_ID).setValue(id));
        c.addCategory(new CodeableConcept(new Coding(ChatMessage.KIND, "message", null)));
        Patient p = new Patient();
        p.setId("recipient");
        p.addIdentifier(new Identifier().setSystem(Fhir.PERSONNUMMER).setValue(personnummer));
        p.addTelecom().setSystem(ContactPoint.ContactPointSystem.PHONE).setValue("0701234567");
        c.addContained(p);
        c.addRecipient(new Reference("#recipient"));
        return c;
    }
}
