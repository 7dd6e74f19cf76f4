package se.vardnav.notification.email;

import ca.uhn.fhir.context.FhirContext;
import org.hl7.fhir.r4.model.CommunicationRequest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EmailRequestTest {
    @Test
    void travelsAsACommunicationRequestAndBack() {
        EmailRequest r = new EmailRequest("k1", "a@example.se", "Ämne", "Hej!\nLänk", "B-1", "guest-invitation");
        FhirContext fhir = FhirContext.forR4Cached();
        String json = fhir.newJsonParser().encodeResourceToString(r.toFhir());
        assertThat(EmailRequest.of(fhir.newJsonParser().parseResource(CommunicationRequest.class, json))).isEqualTo(r);
        assertThat(json).contains("EMAILWRIT");
        assertThat(r.toString()).doesNotContain("a@example.se", "Hej");
    }
}
