package se.vardnav.journal;

import ca.uhn.fhir.context.FhirContext;
import org.hl7.fhir.r4.model.Appointment;
import org.junit.jupiter.api.Test;
import se.vardnav.sim.journal.SiuMessages;
import se.vardnav.support.HubTestBase;
import se.vardnav.support.TestPersons;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDateTime;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A text the patient would see that is longer than its limit is refused with the field and the limit (AE over
 * HL7, 422 over FHIR), and nothing of the booking reaches the platform: not cut, not passed on.
 */
class PatientFacingTextLimitsIT extends HubTestBase {
    private static final HttpClient HTTP = se.vardnav.support.HubHttp.client();

    private static SiuMessages booking(String id) {
        return SiuMessages.s12().bookingId(id).start(LocalDateTime.of(2026, 12, 7, 9, 0)).minutes(20)
                .timeType("VIDEO", "Video").patient(TestPersons.next());
    }

    @Test
    void aCaseNameOverFortyCharactersGetsAe() {
        String id = newBookingId();
        String ack = send(booking(id).caseName("Årlig uppföljning av diabetes typ två med provtagning").build());
        assertThat(ack).contains("MSA|AE").contains("SCH-7 (case name) is 53 characters; the limit is 40");
        assertThat(platform.findByBookingId(id)).isEmpty();
    }

    @Test
    void aLongCommentGetsAeWithTheFieldAndTheLimit() {
        String id = newBookingId();
        // half a megabyte: under the message size limit, far over what a patient-facing comment may be
        String ack = send(booking(id).comment("Ta med medicinlista".repeat(25_000)).build());
        assertThat(ack).contains("MSA|AE").contains("NTE-3 (comment) is 475000 characters; the limit is 2000");
        assertThat(platform.findByBookingId(id)).isEmpty();
    }

    @Test
    void overFhirTheSameLimitsGive422() throws Exception {
        Appointment a = FhirIntakeIT.appointment(newBookingId());
        a.setComment("x".repeat(2001));
        a.setDescription("y".repeat(41));
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/fhir/Appointment"))
                .header("Content-Type", "application/fhir+json")
                .POST(HttpRequest.BodyPublishers.ofString(FhirContext.forR4Cached().newJsonParser().encodeResourceToString(a))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(response.body()).contains("Appointment.description (case name) is 41 characters; the limit is 40")
                .contains("Appointment.comment is 2001 characters; the limit is 2000");
    }
}
