package se.vardnav.booking;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import se.vardnav.fhir.Fhir;
import se.vardnav.sim.journal.SiuMessages;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AppointmentMapperTest {
    private static final FhirContext CTX = FhirContext.forR4Cached();
    // slow to build (~5 s): one for the whole class
    private static final FhirValidator VALIDATOR = validator();
    private final SiuParser parser = new SiuParser();

    private static FhirValidator validator() {
        ValidationSupportChain chain = new ValidationSupportChain(new DefaultProfileValidationSupport(CTX),
                new InMemoryTerminologyServerValidationSupport(CTX), new CommonCodeSystemsTerminologyService(CTX),
                new SnapshotGeneratingValidationSupport(CTX));
        FhirValidator v = CTX.newValidator();
        v.registerValidatorModule(new FhirInstanceValidator(chain));
        return v;
    }

    private Appointment map(SiuMessages m) throws InvalidBookingException {
        return AppointmentMapper.toAppointment(parser.parse(m.build()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"S12", "S13", "S14", "S15", "S17", "S26"})
    void everyTriggerMapsToAValidAppointment(String trigger) throws Exception {
        Appointment a = map(SiuParserTest.full(SiuMessages.trigger(trigger)).protectedIndicator(true).publicity("SPJ"));
        assertValid(a);
        assertValid(map(SiuParserTest.full(SiuMessages.trigger(trigger)).patient(null)));
    }

    @Test
    void arrivedIsValidToo() throws Exception {
        Appointment a = map(SiuParserTest.full(SiuMessages.s14()).fillerStatus("Started"));
        assertThat(a.getStatus()).isEqualTo(Appointment.AppointmentStatus.ARRIVED);
        assertValid(a);
    }

    @Test
    void mapsFields() throws Exception {
        Appointment a = map(SiuParserTest.full(SiuMessages.s12()));
        assertThat(BookingKey.of(a).bookingId()).isEqualTo("B1");
        // the event time; the intake adds the arrival number (BookingVersions)
        assertThat(a.getMeta().getLastUpdated().toInstant()).isEqualTo(Instant.parse("2025-03-01T07:00:05Z"));
        assertThat(BookingVersion.eventTime(BookingKey.of(a).version())).isEqualTo(Instant.parse("2025-03-01T07:00:05Z"));
        assertThat(a.getIdentifierFirstRep().getAssigner().getDisplay()).isEqualTo("TAKECARE");
        assertThat(a.getStatus()).isEqualTo(Appointment.AppointmentStatus.BOOKED);
        assertThat(a.getStart().toInstant()).isEqualTo(Instant.parse("2025-03-10T08:30:00Z"));
        assertThat(a.getEnd().toInstant()).isEqualTo(Instant.parse("2025-03-10T08:50:00Z"));
        assertThat(a.getMinutesDuration()).isEqualTo(20);
        assertThat(a.getDescription()).isEqualTo("Uppföljning");
        assertThat(a.getExtensionByUrl(Fhir.EXT_CASE_NAME).getValue().primitiveValue()).isEqualTo("Uppföljning");
        assertThat(a.getExtensionByUrl(Fhir.EXT_TRIGGER_EVENT).getValue().primitiveValue()).isEqualTo("S12");
        assertThat(a.getComment()).isEqualTo("Ta med medicinlista");
        Coding timeType = a.getAppointmentType().getCodingFirstRep();
        assertThat(List.of(timeType.getSystem(), timeType.getCode(), timeType.getDisplay()))
                .containsExactly(Fhir.JOURNAL_TIME_TYPE, "VIDEO", "Videobesök");
        List<Reference> actors = a.getParticipant().stream().map(Appointment.AppointmentParticipantComponent::getActor).toList();
        assertThat(actors).extracting(Reference::getType).containsExactly("Patient", "Practitioner", "Location", "Device");
        assertThat(actors.get(0).getIdentifier().getSystem()).isEqualTo(Fhir.PERSONNUMMER);
        assertThat(actors.get(0).getIdentifier().getValue()).isEqualTo(SiuParserTest.PNR);
        assertThat(actors.get(0).getDisplay()).isNull();
        assertThat(actors.get(1).getIdentifier().getSystem()).isEqualTo(Fhir.HSA_ID);
        assertThat(actors.get(1).getDisplay()).isEqualTo("Läkare");
        assertThat(actors.get(2).getIdentifier().getValue()).isEqualTo("SE2321000016-A1B2");
        assertThat(a.getParticipant()).allSatisfy(p -> assertThat(p.getStatus()).isEqualTo(Appointment.ParticipationStatus.ACCEPTED));
        assertThat(a.getMeta().getSecurity()).isEmpty();
        // the patient's name never reaches the canonical event
        assertThat(CTX.newJsonParser().encodeResourceToString(a)).doesNotContain("Tolvan");
    }

    @Test
    void reservnummerAndSamordningsnummerSystems() throws Exception {
        Appointment a = map(SiuParserTest.full(SiuMessages.s12()).patient("98240301AA06", Fhir.RESERVNUMMER_OID));
        assertThat(a.getParticipantFirstRep().getActor().getIdentifier().getSystem()).isEqualTo(Fhir.RESERVNUMMER);
        String sam = se.vardnav.identity.TestNumbers.withCheckDigit("19900375123");
        a = map(SiuParserTest.full(SiuMessages.s12()).patient(sam));
        assertThat(a.getParticipantFirstRep().getActor().getIdentifier().getSystem()).isEqualTo(Fhir.SAMORDNINGSNUMMER);
    }

    @Test
    void securityLabels() throws Exception {
        assertThat(labels(map(SiuParserTest.full(SiuMessages.s12()).protectedIndicator(true))))
                .containsExactly(Fhir.SECURITY_LABEL + "#" + Fhir.SEKRETESSMARKERING);
        assertThat(labels(map(SiuParserTest.full(SiuMessages.s12()).publicity("SKF"))))
                .containsExactly(Fhir.SECURITY_LABEL + "#" + Fhir.SKYDDAD_FOLKBOKFORING);
        assertThat(labels(map(SiuParserTest.full(SiuMessages.s12()).publicity("SPJ"))))
                .containsExactly(Fhir.JOURNAL_RESTRICTION + "#" + Fhir.SPARRAD_JOURNAL);
    }

    @Test
    void withoutPatientOnlyResources() throws Exception {
        Appointment a = map(SiuParserTest.full(SiuMessages.s12()).patient(null));
        assertThat(a.getParticipant()).extracting(p -> p.getActor().getType())
                .containsExactly("Practitioner", "Location", "Device");
    }

    private static List<String> labels(Appointment a) {
        return a.getMeta().getSecurity().stream().map(c -> c.getSystem() + "#" + c.getCode()).toList();
    }

    private static void assertValid(Appointment a) {
        List<SingleValidationMessage> errors = VALIDATOR.validateWithResult(a).getMessages().stream()
                .filter(m -> m.getSeverity() == ResultSeverityEnum.ERROR || m.getSeverity() == ResultSeverityEnum.FATAL)
                .toList();
        assertThat(errors).as(() -> errors.stream().map(m -> m.getLocationString() + " " + m.getMessage()).toList().toString())
                .isEmpty();
    }
}
