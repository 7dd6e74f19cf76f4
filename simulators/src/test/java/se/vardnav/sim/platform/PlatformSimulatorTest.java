package se.vardnav.sim.platform;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import ca.uhn.fhir.rest.client.exceptions.FhirClientConnectionException;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.IdType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import se.vardnav.fhir.Fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The simulator through a plain HAPI client: it must behave as a FHIR server, not only for PlatformClient. */
class PlatformSimulatorTest {
    private PlatformSimulator sim;
    private IGenericClient fhir;

    @BeforeEach
    void start() {
        sim = new PlatformSimulator(0).start();
        FhirContext ctx = FhirContext.forR4Cached();
        ctx.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
        fhir = ctx.newRestfulGenericClient(sim.baseUrl());
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    private static Appointment booking(String id) {
        Appointment a = new Appointment().setStatus(Appointment.AppointmentStatus.BOOKED);
        a.addIdentifier().setSystem(Fhir.JOURNAL_BOOKING_ID).setValue(id);
        return a;
    }

    @Test
    void createReadUpdateAndSearch() {
        IdType id = (IdType) fhir.create().resource(booking("S-1")).execute().getId();
        fhir.create().resource(booking("S-2")).execute();
        assertThat(id.getVersionIdPart()).isEqualTo("1");

        Appointment read = fhir.read().resource(Appointment.class).withId(id.getIdPart()).execute();
        read.setStatus(Appointment.AppointmentStatus.ARRIVED);
        IdType updated = (IdType) fhir.update().resource(read).execute().getId();
        assertThat(updated.getVersionIdPart()).isEqualTo("2");

        Bundle found = fhir.search().forResource(Appointment.class)
                .where(Appointment.IDENTIFIER.exactly().systemAndCode(Fhir.JOURNAL_BOOKING_ID, "S-1"))
                .returnBundle(Bundle.class).execute();
        assertThat(found.getEntry()).hasSize(1);
        Appointment hit = (Appointment) found.getEntryFirstRep().getResource();
        assertThat(hit.getStatus()).isEqualTo(Appointment.AppointmentStatus.ARRIVED);
        assertThat(hit.getIdElement().getIdPart()).isEqualTo(id.getIdPart());

        Bundle all = fhir.search().forResource(Appointment.class).returnBundle(Bundle.class).execute();
        assertThat(all.getEntry()).hasSize(2);
        assertThat(sim.writeCount()).isEqualTo(3);
    }

    @Test
    void goDownAndComeUpKeepTheBoundPort() {
        int port = sim.port();
        assertThat(port).isPositive();
        sim.goDown();
        assertThat(sim.port()).isEqualTo(port);
        assertThatThrownBy(() -> fhir.search().forResource(Appointment.class).returnBundle(Bundle.class).execute())
                .isInstanceOf(FhirClientConnectionException.class);
        sim.comeUp();
        assertThat(sim.port()).isEqualTo(port);
        assertThat(fhir.search().forResource(Appointment.class).returnBundle(Bundle.class).execute().getEntry()).isEmpty();
    }

    @Test
    void anIdenticalSearchIsAnsweredFromTheCacheUnlessNoCache() {
        sim.addAccount("199001012384", null, null);
        assertThat(patients("199001012384", false).getEntry()).hasSize(1);
        sim.blockAccount("199001012384"); // the platform changed it: a cached answer still says active
        sim.addAccount("198502021234", null, null);
        assertThat(((org.hl7.fhir.r4.model.Patient) patients("199001012384", false).getEntryFirstRep().getResource()).getActive()).isTrue();
        assertThat(((org.hl7.fhir.r4.model.Patient) patients("199001012384", true).getEntryFirstRep().getResource()).getActive()).isFalse();
        assertThat(patients("198502021234", false).getEntry()).hasSize(1); // another search: not from the cache
    }

    private Bundle patients(String personnummer, boolean noCache) {
        var query = fhir.search().forResource(org.hl7.fhir.r4.model.Patient.class)
                .where(org.hl7.fhir.r4.model.Patient.IDENTIFIER.exactly().systemAndCode(Fhir.PERSONNUMMER, personnummer))
                .returnBundle(Bundle.class);
        if (noCache) {
            query.cacheControl(new ca.uhn.fhir.rest.api.CacheControlDirective().setNoCache(true));
        }
        return query.execute();
    }

    @Test
    void appointmentsAreFoundByPatientThroughTheShippedSearchParameterOnly() throws Exception {
        Appointment a = booking("S-3");
        a.addParticipant().setActor(new org.hl7.fhir.r4.model.Reference().setType("Patient")
                .setIdentifier(new org.hl7.fhir.r4.model.Identifier().setSystem(Fhir.PERSONNUMMER).setValue("191212121212")));
        a.addParticipant().setActor(new org.hl7.fhir.r4.model.Reference().setType("Practitioner")
                .setIdentifier(new org.hl7.fhir.r4.model.Identifier().setSystem(Fhir.HSA_ID).setValue("SE2321000016-1234")));
        fhir.create().resource(a).execute();
        fhir.create().resource(booking("S-4")).execute();

        // as HAPI JPA: the :identifier modifier is refused (HAPI-2498), an unknown parameter too
        assertThatThrownBy(() -> fhir.search().byUrl("Appointment?patient:identifier=" + Fhir.PERSONNUMMER + "|191212121212")
                .returnBundle(Bundle.class).execute()).isInstanceOf(ca.uhn.fhir.rest.server.exceptions.InvalidRequestException.class)
                .hasMessageContaining("HAPI-2498");
        assertThatThrownBy(() -> fhir.search().byUrl("Appointment?patient-identifier=" + Fhir.PERSONNUMMER + "|191212121212")
                .returnBundle(Bundle.class).execute()).isInstanceOf(ca.uhn.fhir.rest.server.exceptions.InvalidRequestException.class);

        String shipped = java.nio.file.Files.readString(java.nio.file.Path.of(
                "connectors/visit-platform/conformance/SearchParameter-appointment-patient-identifier.json"));
        fhir.create().resource(FhirContext.forR4Cached().newJsonParser().parseResource(shipped)).execute();

        Bundle found = fhir.search().byUrl("Appointment?patient-identifier=" + Fhir.PERSONNUMMER + "|191212121212")
                .returnBundle(Bundle.class).execute();
        assertThat(found.getEntry()).extracting(e -> ((Appointment) e.getResource()).getIdentifierFirstRep().getValue()).containsExactly("S-3");
        assertThat(fhir.search().byUrl("Appointment?patient-identifier=" + Fhir.HSA_ID + "|SE2321000016-1234")
                .returnBundle(Bundle.class).execute().getEntry()).as("staff are not patients").isEmpty();
    }

    @Test
    void aLetterMustReferToBinariesTheServerHas() {
        org.hl7.fhir.r4.model.Communication letter = new org.hl7.fhir.r4.model.Communication()
                .setStatus(org.hl7.fhir.r4.model.Communication.CommunicationStatus.COMPLETED);
        letter.addPayload().setContent(new org.hl7.fhir.r4.model.Attachment().setContentType("application/pdf").setUrl("Binary/nope"));
        assertThatThrownBy(() -> fhir.create().resource(letter).execute())
                .isInstanceOf(ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException.class).hasMessageContaining("not on the platform");
        letter.getPayloadFirstRep().setContent(new org.hl7.fhir.r4.model.Attachment().setContentType("application/pdf").setData(new byte[] {1, 2}));
        assertThatThrownBy(() -> fhir.create().resource(letter).execute())
                .isInstanceOf(ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException.class).hasMessageContaining("inline");

        org.hl7.fhir.r4.model.Binary pdf = new org.hl7.fhir.r4.model.Binary().setContentType("application/pdf").setData(new byte[] {1, 2});
        pdf.setId("doc-1");
        fhir.update().resource(pdf).execute();
        letter.getPayloadFirstRep().setContent(new org.hl7.fhir.r4.model.Attachment().setContentType("application/pdf").setUrl("Binary/doc-1"));
        fhir.create().resource(letter).execute();
        assertThat(sim.letters()).hasSize(1);
        assertThat(sim.findBinary("doc-1").orElseThrow().size()).isEqualTo(2);
    }
}
