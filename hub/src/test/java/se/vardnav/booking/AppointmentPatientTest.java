package se.vardnav.booking;

import ca.uhn.fhir.context.FhirContext;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Appointment.AppointmentParticipantComponent;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import se.vardnav.fhir.Fhir;

import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** Every shape a FHIR sender may give the patient in: recognised by identifier system, validated, or refused. */
class AppointmentPatientTest {
    private static final String PNR = "191212121212";
    private static final String PNR_OTHER = "194001010001".substring(0, 11) + se.vardnav.identity.Personnummer.luhn("400101000");
    private static final String SAMORDNING = "197010632391";
    private static final String BAD_CHECK = "191212121213";

    private static Identifier id(String system, String value) {
        return new Identifier().setSystem(system).setValue(value);
    }

    /** A booking with staff only; each case adds its patient participant. */
    private static Appointment booking(Consumer<Appointment> patient) {
        Appointment a = new Appointment();
        a.addParticipant().setActor(new Reference().setType("Practitioner").setDisplay("Lind")
                .setIdentifier(id(Fhir.HSA_ID, "SE2321000016-1234")));
        patient.accept(a);
        // through JSON, as a sender's resource arrives (contained references resolved by the parser)
        FhirContext fhir = FhirContext.forR4Cached();
        return fhir.newJsonParser().parseResource(Appointment.class, fhir.newJsonParser().encodeResourceToString(a));
    }

    private static Consumer<Appointment> actor(Reference actor) {
        return a -> a.addParticipant().setActor(actor);
    }

    private static Consumer<Appointment> contained(Identifier identifier, String actorType) {
        return a -> {
            Patient p = new Patient();
            p.setId("p1");
            p.addIdentifier(identifier);
            p.addName().setFamily("Tolvansson");
            a.addContained(p);
            a.addParticipant().setActor(new Reference("#p1").setType(actorType));
        };
    }

    static Stream<Arguments> recognised() {
        return Stream.of(
                arguments("type Patient, personnummer (the SIU shape)", actor(new Reference().setType("Patient").setIdentifier(id(Fhir.PERSONNUMMER, PNR))), Fhir.PERSONNUMMER, PNR),
                arguments("no type, personnummer", actor(new Reference().setIdentifier(id(Fhir.PERSONNUMMER, PNR))), Fhir.PERSONNUMMER, PNR),
                arguments("display and personnummer", actor(new Reference().setDisplay("Tolvan Tolvansson").setIdentifier(id(Fhir.PERSONNUMMER, PNR))), Fhir.PERSONNUMMER, PNR),
                arguments("type Practitioner, yet a personnummer", actor(new Reference().setType("Practitioner").setIdentifier(id(Fhir.PERSONNUMMER, PNR))), Fhir.PERSONNUMMER, PNR),
                arguments("type RelatedPerson, yet the only person", actor(new Reference().setType("RelatedPerson").setIdentifier(id(Fhir.PERSONNUMMER, PNR))), Fhir.PERSONNUMMER, PNR),
                arguments("reference Patient/123 and identifier", actor(new Reference("Patient/123").setIdentifier(id(Fhir.PERSONNUMMER, PNR))), Fhir.PERSONNUMMER, PNR),
                arguments("absolute reference and identifier", actor(new Reference("https://journal.example/fhir/Patient/123").setIdentifier(id(Fhir.PERSONNUMMER, PNR))), Fhir.PERSONNUMMER, PNR),
                arguments("contained Patient, no actor type", contained(id(Fhir.PERSONNUMMER, PNR), null), Fhir.PERSONNUMMER, PNR),
                arguments("contained Patient, actor type Patient", contained(id(Fhir.PERSONNUMMER, PNR), "Patient"), Fhir.PERSONNUMMER, PNR),
                arguments("OID system", actor(new Reference().setIdentifier(id("urn:oid:" + Fhir.PERSONNUMMER_OID, PNR))), Fhir.PERSONNUMMER, PNR),
                arguments("10 digits, + for 100 years or older, normalised", actor(new Reference().setIdentifier(id(Fhir.PERSONNUMMER, "121212+1212"))), Fhir.PERSONNUMMER, PNR),
                arguments("samordningsnummer", actor(new Reference().setIdentifier(id(Fhir.SAMORDNINGSNUMMER, SAMORDNING))), Fhir.SAMORDNINGSNUMMER, SAMORDNING),
                arguments("reservnummer", actor(new Reference().setType("Patient").setIdentifier(id(Fhir.RESERVNUMMER, "98240301AA06"))), Fhir.RESERVNUMMER, "98240301AA06"),
                arguments("the same person twice", (Consumer<Appointment>) a -> {
                    contained(id(Fhir.PERSONNUMMER, PNR), "Patient").accept(a);
                    a.getParticipant().get(a.getParticipant().size() - 1).getActor().setIdentifier(id(Fhir.PERSONNUMMER, "19121212-1212"));
                }, Fhir.PERSONNUMMER, PNR));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("recognised")
    void thePatientIsRecognisedByItsIdentifierSystem(String shape, Consumer<Appointment> patient, String system, String value) {
        Appointment a = booking(patient);
        AppointmentPatient.Result r = AppointmentPatient.of(a);
        assertThat(r.problems()).isEmpty();
        assertThat(r.patient()).hasValueSatisfying(p -> {
            assertThat(p.identifier().getSystem()).isEqualTo(system);
            assertThat(p.identifier().getValue()).isEqualTo(value);
        });
        // written as the SIU intake writes it: type Patient, identifier only, no name anywhere
        AppointmentPatient.normalise(a);
        AppointmentParticipantComponent patientParticipant = a.getParticipant().get(1);
        assertThat(patientParticipant.getActor().getType()).isEqualTo("Patient");
        assertThat(patientParticipant.getActor().getIdentifier().getSystem()).isEqualTo(system);
        assertThat(patientParticipant.getActor().getIdentifier().getValue()).isEqualTo(value);
        assertThat(patientParticipant.getActor().hasDisplay()).isFalse();
        assertThat(patientParticipant.getActor().hasReference()).isFalse();
        assertThat(FhirContext.forR4Cached().newJsonParser().encodeResourceToString(a)).doesNotContain("Tolvan");
        assertThat(BookingPolicy.patientIdentifier(a)).hasValueSatisfying(i -> assertThat(i.getValue()).isEqualTo(value));
    }

    static Stream<Arguments> refused() {
        return Stream.of(
                arguments("display only", actor(new Reference().setDisplay("Tolvan Tolvansson")), "cannot tell"),
                arguments("type Patient, no identifier", actor(new Reference().setType("Patient").setDisplay("Tolvan")), "(patient): no identifier"),
                arguments("reference Patient/123 only", actor(new Reference("Patient/123")), "(patient): no identifier"),
                arguments("type Patient, a local identifier", actor(new Reference().setType("Patient").setIdentifier(id("urn:oid:1.2.3.4", "4711"))), "(patient): no identifier"),
                arguments("no type, an identifier without system", actor(new Reference().setIdentifier(new Identifier().setValue(PNR))), "cannot tell"),
                arguments("bad check digit, no type", actor(new Reference().setIdentifier(id(Fhir.PERSONNUMMER, BAD_CHECK))), "check digit"),
                arguments("bad check digit, type Practitioner", actor(new Reference().setType("Practitioner").setIdentifier(id(Fhir.PERSONNUMMER, BAD_CHECK))), "check digit"),
                arguments("bad check digit, OID system", actor(new Reference().setIdentifier(id("urn:oid:" + Fhir.PERSONNUMMER_OID, BAD_CHECK))), "check digit"),
                arguments("bad check digit in a contained Patient", contained(id(Fhir.PERSONNUMMER, BAD_CHECK), null), "check digit"),
                arguments("contained Patient without identifier", contained(id("urn:oid:1.2.3.4", "4711"), null), "(patient): no identifier"),
                arguments("not a number at all", actor(new Reference().setType("Patient").setIdentifier(id(Fhir.PERSONNUMMER, "Tolvan"))), "12 digits"),
                arguments("two different persons", (Consumer<Appointment>) a -> {
                    actor(new Reference().setType("Patient").setIdentifier(id(Fhir.PERSONNUMMER, PNR))).accept(a);
                    actor(new Reference().setType("RelatedPerson").setIdentifier(id(Fhir.PERSONNUMMER, PNR_OTHER))).accept(a);
                }, "more than one person"),
                arguments("a contained person no participant refers to", (Consumer<Appointment>) a -> {
                    Patient p = new Patient();
                    p.setId("p9");
                    p.addIdentifier(id(Fhir.PERSONNUMMER, PNR));
                    a.addContained(p);
                    a.getParticipantFirstRep().getActor().setReference("#p9").setType("Practitioner").setIdentifier(null);
                    a.getContained().clear();
                    a.addContained(p.copy().setId("p8"));
                }, "no participant refers to"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refused")
    void aPatientThatCannotBeDeterminedIsAProblemThatNamesNoNumber(String shape, Consumer<Appointment> patient, String problem) {
        AppointmentPatient.Result r = AppointmentPatient.of(booking(patient));
        assertThat(r.determined()).isFalse();
        assertThat(r.patient()).isEmpty();
        assertThat(r.problems()).anyMatch(p -> p.contains(problem));
        assertThat(String.join(" ", r.problems())).doesNotContain(PNR).doesNotContain(BAD_CHECK).doesNotContain("1212").doesNotContain("Tolvan");
    }

    @Test
    void aBookingWithStaffOnlyHasNoPatientAndThatIsDetermined() {
        Appointment a = booking(actor(new Reference().setType("Device").setDisplay("Videorum 1").setIdentifier(new Identifier().setValue("VR1"))));
        a.addParticipant().setActor(new Reference().setIdentifier(id(Fhir.HSA_ID, "SE2321000016-A1B2")));
        AppointmentPatient.Result r = AppointmentPatient.of(a);
        assertThat(r.determined()).isTrue();
        assertThat(r.patient()).isEmpty();
    }

    @Test
    void onlyStaffUnitsAndDevicesCountAsResourcesThatARetractionMayShow() {
        Appointment a = booking(actor(new Reference().setType("Patient").setIdentifier(id(Fhir.PERSONNUMMER, PNR))));
        a.addParticipant().setActor(new Reference().setDisplay("Tolvan Tolvansson"));
        a.addParticipant().setActor(new Reference().setType("RelatedPerson").setDisplay("Mamma"));
        assertThat(a.getParticipant()).extracting(AppointmentPatient::isResource).containsExactly(true, false, false, false);
    }
}
