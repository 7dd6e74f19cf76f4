package se.vardnav.journal;

import ca.uhn.fhir.context.FhirContext;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import se.vardnav.fhir.Fhir;
import se.vardnav.support.HubTestBase;
import se.vardnav.support.TestPersons;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The journal system's FHIR way in: /fhir on the hub, a HAPI RESTful server. */
class FhirIntakeIT extends HubTestBase {
    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private static final HttpClient HTTP = se.vardnav.support.HubHttp.client();

    private HttpResponse<String> post(String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/fhir/Appointment"))
                .header("Content-Type", "application/fhir+json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(Appointment a) throws Exception {
        return post(FHIR.newJsonParser().encodeResourceToString(a));
    }

    private HttpResponse<String> put(String id, Appointment a) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/fhir/Appointment/" + id))
                        .header("Content-Type", "application/fhir+json")
                        .PUT(HttpRequest.BodyPublishers.ofString(FHIR.newJsonParser().encodeResourceToString(a))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private long writesOf(String id) {
        return platform.writes().stream().filter(w -> id.equals(w.bookingId())).count();
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

    @Test
    void theSameContentSentAgainIsADuplicateAndAChangeWithTheSameLastUpdatedApplies() throws Exception {
        String id = newBookingId();
        Appointment a = appointment(id);
        assertThat(post(a).statusCode()).isEqualTo(201);
        a.setId(id);
        assertThat(put(id, a).statusCode()).as("a retry of the same resource").isEqualTo(200);
        Appointment changed = a.copy();
        changed.setComment("flyttad till eftermiddagen"); // same meta.lastUpdated
        assertThat(put(id, changed).statusCode()).isEqualTo(200);
        await().until(() -> "flyttad till eftermiddagen".equals(platform.findByBookingId(id).map(Appointment::getComment).orElse(null)));
        assertThat(writesOf(id)).as("the booking and the change; the retry had no effect").isEqualTo(2);
        Appointment cancelled = changed.copy().setStatus(Appointment.AppointmentStatus.CANCELLED);
        assertThat(put(id, cancelled).statusCode()).isEqualTo(200);
        await().until(() -> platform.findByBookingId(id).map(Appointment::getStatus).orElse(null) == Appointment.AppointmentStatus.CANCELLED);
    }

    @Test
    void withoutLastUpdatedEachChangeAppliesInTheOrderItArrivedAndARetryIsADuplicate() throws Exception {
        String id = newBookingId();
        Appointment a = appointment(id);
        a.getMeta().setLastUpdated(null);
        assertThat(post(a).statusCode()).isEqualTo(201);
        assertThat(post(a).statusCode()).isEqualTo(201);
        Appointment cancelled = a.copy().setStatus(Appointment.AppointmentStatus.CANCELLED);
        assertThat(post(cancelled).statusCode()).isEqualTo(201);
        await().until(() -> platform.findByBookingId(id).map(Appointment::getStatus).orElse(null) == Appointment.AppointmentStatus.CANCELLED);
        assertThat(writesOf(id)).isEqualTo(2);
    }

    @Test
    void anEventTimeAheadOfTheHubsClockGets422SayingSo() throws Exception {
        String id = newBookingId();
        Appointment a = appointment(id);
        a.getMeta().setLastUpdated(Date.from(Instant.parse("2099-01-01T08:00:00Z")));
        var response = post(a);
        assertThat(response.statusCode()).isEqualTo(422);
        OperationOutcome oo = FHIR.newJsonParser().parseResource(OperationOutcome.class, response.body());
        assertThat(oo.getIssueFirstRep().getDiagnostics()).contains("meta.lastUpdated").contains("ahead of the hub's clock");
        // the same booking with a true time is not blocked by it
        a.getMeta().setLastUpdated(new Date());
        assertThat(post(a).statusCode()).isEqualTo(201);
        await().until(() -> platform.findByBookingId(id).isPresent());
    }

    // The patient is recognised by its identifier system, whatever else the participant says.

    /** The patient participant in the shapes a FHIR sender may use. */
    private static void shape(String shape, Appointment a, String pnr) {
        Appointment.AppointmentParticipantComponent p = a.getParticipantFirstRep();
        Identifier identifier = new Identifier().setSystem(Fhir.PERSONNUMMER).setValue(pnr);
        switch (shape) {
            case "type Patient" -> p.setActor(new Reference().setType("Patient").setIdentifier(identifier));
            case "no type" -> p.setActor(new Reference().setIdentifier(identifier).setDisplay("Tolvan Tolvansson"));
            case "reference" -> p.setActor(new Reference("Patient/4711").setIdentifier(identifier));
            case "type Practitioner" -> p.setActor(new Reference().setType("Practitioner").setIdentifier(identifier));
            case "OID system" -> p.setActor(new Reference().setIdentifier(identifier.setSystem("urn:oid:" + Fhir.PERSONNUMMER_OID)));
            case "contained Patient" -> {
                Patient patient = new Patient();
                patient.setId("pat");
                patient.addIdentifier(identifier);
                patient.addName().setFamily("Tolvansson");
                a.addContained(patient);
                p.setActor(new Reference("#pat"));
            }
            default -> throw new IllegalArgumentException(shape);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"type Patient", "no type", "reference", "type Practitioner", "OID system", "contained Patient"})
    void aProtectedPatientIsWithheldWhateverTheParticipantSays(String participantShape) throws Exception {
        String id = newBookingId();
        String pnr = TestPersons.next();
        register.markProtected(pnr);
        Appointment a = appointment(id);
        shape(participantShape, a, pnr);
        assertThat(post(a).statusCode()).isEqualTo(201);
        await().until(() -> !jdbc.queryForList("SELECT 1 FROM withheld_booking WHERE booking_id = ? AND reason = 'PROTECTED_IDENTITY'", id).isEmpty());
        // a booking of someone else posted after it has reached the platform: the withheld one never will
        String marker = newBookingId();
        assertThat(post(appointment(marker)).statusCode()).isEqualTo(201);
        await().until(() -> platform.findByBookingId(marker).isPresent());
        assertThat(platform.findByBookingId(id)).isEmpty();
        assertThat(writesOf(id)).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"no type", "reference", "type Practitioner", "OID system", "contained Patient"})
    void anUnprotectedPatientInAnyShapeReachesThePlatformAsTheSiuIntakeWritesIt(String participantShape) throws Exception {
        String id = newBookingId();
        String pnr = TestPersons.next();
        Appointment a = appointment(id);
        shape(participantShape, a, pnr);
        assertThat(post(a).statusCode()).isEqualTo(201);
        await().until(() -> platform.findByBookingId(id).isPresent());
        Appointment shown = platform.findByBookingId(id).orElseThrow();
        assertThat(shown.getParticipant()).anySatisfy(p -> {
            assertThat(p.getActor().getType()).isEqualTo("Patient");
            assertThat(p.getActor().getIdentifier().getSystem()).isEqualTo(Fhir.PERSONNUMMER);
            assertThat(p.getActor().getIdentifier().getValue()).isEqualTo(pnr);
        });
        assertThat(FHIR.newJsonParser().encodeResourceToString(shown)).doesNotContain("Tolvan").doesNotContain("Patient/4711");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"display only", "reference only", "type Patient without identifier", "bad check digit without type",
            "bad check digit in a contained Patient", "two persons"})
    void aBookingWhosePatientCannotBeDeterminedIsRefusedWith422(String participantShape) throws Exception {
        String id = newBookingId();
        String bad = TestPersons.withBadCheckDigit();
        Appointment a = appointment(id);
        Appointment.AppointmentParticipantComponent p = a.getParticipantFirstRep();
        switch (participantShape) {
            case "display only" -> p.setActor(new Reference().setDisplay("Tolvan Tolvansson"));
            case "reference only" -> p.setActor(new Reference("Patient/4711"));
            case "type Patient without identifier" -> p.setActor(new Reference().setType("Patient").setDisplay("Tolvan Tolvansson"));
            case "bad check digit without type" -> p.setActor(new Reference().setIdentifier(new Identifier().setSystem(Fhir.PERSONNUMMER).setValue(bad)));
            case "bad check digit in a contained Patient" -> {
                Patient patient = new Patient();
                patient.setId("pat");
                patient.addIdentifier().setSystem(Fhir.PERSONNUMMER).setValue(bad);
                a.addContained(patient);
                p.setActor(new Reference("#pat"));
            }
            case "two persons" -> a.addParticipant().setActor(new Reference().setType("RelatedPerson")
                    .setIdentifier(new Identifier().setSystem(Fhir.PERSONNUMMER).setValue(TestPersons.next())));
            default -> throw new IllegalArgumentException(participantShape);
        }
        var response = post(a);
        assertThat(response.statusCode()).isEqualTo(422);
        OperationOutcome oo = FHIR.newJsonParser().parseResource(OperationOutcome.class, response.body());
        assertThat(oo.getIssue()).isNotEmpty().allSatisfy(i -> assertThat(i.getDiagnostics()).contains("participant"));
        assertThat(response.body()).doesNotContain(bad).doesNotContain("Tolvan");
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(() -> platform.findByBookingId(id).isEmpty());
    }
}
