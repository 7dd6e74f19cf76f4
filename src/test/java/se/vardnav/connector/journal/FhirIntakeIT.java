package se.vardnav.connector.journal;

import ca.uhn.fhir.context.FhirContext;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;
import se.vardnav.fhir.Fhir;
import se.vardnav.support.HubTestBase;
import se.vardnav.support.TestPersons;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Date;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The journal system's FHIR way in: /fhir on the hub, a HAPI RESTful server. */
class FhirIntakeIT extends HubTestBase {
    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private HttpResponse<String> post(String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/fhir/Appointment"))
                .header("Content-Type", "application/fhir+json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static Appointment appointment(String bookingId) {
        Appointment a = new Appointment();
        a.addIdentifier(new Identifier().setSystem(Fhir.JOURNAL_BOOKING_ID).setValue(bookingId));
        a.setStatus(Appointment.AppointmentStatus.BOOKED);
        a.setStart(Date.from(Instant.parse("2026-12-05T08:00:00Z")));
        a.setEnd(Date.from(Instant.parse("2026-12-05T08:20:00Z")));
        a.setMinutesDuration(20);
        a.setAppointmentType(new CodeableConcept(new Coding(Fhir.JOURNAL_TIME_TYPE, "VIDEO", "Videobesök")));
        a.addParticipant().setStatus(Appointment.ParticipationStatus.ACCEPTED)
                .setActor(new Reference().setType("Patient").setIdentifier(new Identifier().setSystem(Fhir.PERSONNUMMER).setValue(TestPersons.next())));
        a.getMeta().setLastUpdated(new Date());
        return a;
    }

    @Test
    void capabilityStatementIsServed() throws Exception {
        var response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/fhir/metadata")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("CapabilityStatement").contains("Appointment");
    }

    @Test
    void aValidAppointmentIsAcceptedWith201AndReachesThePlatform() throws Exception {
        String id = newBookingId();
        var response = post(FHIR.newJsonParser().encodeResourceToString(appointment(id)));
        assertThat(response.statusCode()).isEqualTo(201);
        await().until(() -> platform.findByBookingId(id).isPresent());
    }

    @Test
    void aPutUpdatesTheBookingWith200() throws Exception {
        String id = newBookingId();
        Appointment a = appointment(id);
        assertThat(post(FHIR.newJsonParser().encodeResourceToString(a)).statusCode()).isEqualTo(201);
        a.setId(id);
        a.setComment("flyttad till eftermiddagen");
        a.getMeta().setLastUpdated(new Date(a.getMeta().getLastUpdated().getTime() + 1000));
        var response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/fhir/Appointment/" + id))
                .header("Content-Type", "application/fhir+json")
                .PUT(HttpRequest.BodyPublishers.ofString(FHIR.newJsonParser().encodeResourceToString(a))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        await().until(() -> "flyttad till eftermiddagen".equals(platform.findByBookingId(id).map(Appointment::getComment).orElse(null)));
    }

    @Test
    void invalidContentGetsAnOperationOutcomeSayingWhat() throws Exception {
        Appointment a = appointment(newBookingId());
        a.getIdentifier().clear();
        a.setStart(null);
        var response = post(FHIR.newJsonParser().encodeResourceToString(a));
        assertThat(response.statusCode()).isEqualTo(422);
        OperationOutcome oo = FHIR.newJsonParser().parseResource(OperationOutcome.class, response.body());
        assertThat(oo.getIssue()).extracting(OperationOutcome.OperationOutcomeIssueComponent::getDiagnostics)
                .anyMatch(d -> d.contains("identifier")).anyMatch(d -> d.contains("start"));
    }

    @Test
    void aBadPersonnummerIsRefusedWithoutEchoingIt() throws Exception {
        Appointment a = appointment(newBookingId());
        String bad = TestPersons.withBadCheckDigit();
        a.getParticipantFirstRep().getActor().getIdentifier().setValue(bad);
        var response = post(FHIR.newJsonParser().encodeResourceToString(a));
        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(response.body()).contains("check digit").doesNotContain(bad);
    }

    @Test
    void unparseableJsonGets400WithAnOperationOutcome() throws Exception {
        var response = post("{\"resourceType\":\"Appointment\",\"status\":");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("OperationOutcome");
    }
}
