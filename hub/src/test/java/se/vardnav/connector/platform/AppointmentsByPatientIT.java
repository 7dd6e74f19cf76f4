package se.vardnav.connector.platform;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.CacheControlDirective;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.SearchParameter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import se.vardnav.fhir.Fhir;
import se.vardnav.sim.journal.SiuMessages;
import se.vardnav.support.HubTestBase;
import se.vardnav.support.TestPersons;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The patient app asks a standard FHIR server for "my appointments". The hub's Appointments name the patient by
 * identifier only, which such a server cannot search with {@code patient:identifier} (HAPI-2498); the
 * SearchParameter the hub ships (connectors/visit-platform/conformance/) makes them findable once installed.
 */
class AppointmentsByPatientIT extends HubTestBase {
    static final Path SEARCH_PARAMETER = Path.of("connectors/visit-platform/conformance/SearchParameter-appointment-patient-identifier.json");
    private IGenericClient app;

    @BeforeEach
    void theAppsClient() {
        // the app reads as the platform's own (past its token check)
        app = platform.operatorClient();
    }

    private Bundle appointmentsOf(String query) {
        return app.search().byUrl("Appointment?" + query).returnBundle(Bundle.class)
                .cacheControl(new CacheControlDirective().setNoCache(true)).execute();
    }

    @Test
    void aBookingIsFoundByItsPatientOnceThePlatformInstalledTheShippedSearchParameter() throws Exception {
        String patient = TestPersons.next();
        String bookingId = newBookingId();
        send(SiuMessages.s12().bookingId(bookingId).start(LocalDateTime.of(2026, 12, 9, 9, 0)).minutes(20).timeType("BESOK", "Besök")
                .patient(patient).staff("SE2321000016-1234", "Lind").build());
        await().until(() -> platform.findByBookingId(bookingId).isPresent());

        String byIdentifier = Fhir.PERSONNUMMER + "|" + patient;
        assertThatThrownBy(() -> appointmentsOf("patient:identifier=" + byIdentifier))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("HAPI-2498");

        // the platform's operator installs what the hub ships, as on any FHIR server: POST SearchParameter
        app.create().resource(FhirContext.forR4Cached().newJsonParser().parseResource(SearchParameter.class, Files.readString(SEARCH_PARAMETER)))
                .execute();

        Bundle mine = appointmentsOf("patient-identifier=" + byIdentifier);
        assertThat(mine.getEntry()).extracting(e -> ((Appointment) e.getResource()).getIdentifierFirstRep().getValue()).containsExactly(bookingId);
        assertThat(appointmentsOf("patient-identifier=" + Fhir.HSA_ID + "|SE2321000016-1234").getEntry())
                .as("the staff member's HSA-id is not a patient").isEmpty();
    }
}
