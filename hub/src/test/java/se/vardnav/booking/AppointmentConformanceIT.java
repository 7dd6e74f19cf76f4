package se.vardnav.booking;

import ca.uhn.fhir.validation.SingleValidationMessage;
import org.hl7.fhir.r4.model.Appointment;
import org.junit.jupiter.api.Test;
import se.vardnav.sim.journal.SiuMessages;
import se.vardnav.support.HubTestBase;
import se.vardnav.support.TestPersons;

import java.time.LocalDateTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Every Appointment the hub emits to the platform validates against FHIR R4 and the hub's conformance resources (HAPI's instance validator). */
class AppointmentConformanceIT extends HubTestBase {

    /** The strict validator (R4 and the hub's conformance resources only), for other tests that check an Appointment. */
    static ca.uhn.fhir.validation.FhirValidator validator(ca.uhn.fhir.context.FhirContext ctx) {
        return se.vardnav.support.HubConformance.validator();
    }

    @Test
    void emittedAppointmentsOfEveryKindValidate() {
        LocalDateTime start = LocalDateTime.of(2026, 12, 8, 9, 0);
        String video = newBookingId(), onSite = newBookingId(), cancelled = newBookingId(), group = newBookingId(), noPatient = newBookingId();
        send(SiuMessages.s12().bookingId(video).start(start).minutes(20).timeType("VIDEO", "Video").patient(TestPersons.next())
                .staff("SE2321000016-1234", "Lind").unit("SE2321000016-A1B2").caseName("Kontroll").comment("Hej").build());
        send(SiuMessages.s12().bookingId(onSite).start(start).minutes(30).timeType("BESOK", "Besök").patient(TestPersons.next()).build());
        send(SiuMessages.s15().bookingId(cancelled).start(start).minutes(30).timeType("BESOK", "Besök").patient(TestPersons.next()).build());
        send(SiuMessages.s12().bookingId(group).start(start).minutes(60).timeType("GRUPPVIDEO", "Grupp").patient(TestPersons.next())
                .staff("SE2321000016-9999", "Grupp").build());
        send(SiuMessages.s12().bookingId(noPatient).start(start).minutes(15).timeType("TEL", "Telefon").staff("SE2321000016-1234", "Lind").build());
        List<String> ids = List.of(video, onSite, cancelled, group, noPatient);
        await().until(() -> ids.stream().allMatch(id -> platform.findByBookingId(id).isPresent()));

        // against R4 and the hub's own definitions only (connectors/visit-platform/conformance/): an unknown extension or
        // code system is an error
        for (String id : ids) {
            Appointment a = platform.findByBookingId(id).orElseThrow();
            List<SingleValidationMessage> errors = se.vardnav.support.HubConformance.errors(a);
            assertThat(errors).as("validation errors of %s: %s", id, errors.stream().map(SingleValidationMessage::getMessage).toList()).isEmpty();
        }
    }
}
