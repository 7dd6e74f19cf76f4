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
}
