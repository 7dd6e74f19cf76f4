package se.vardnav.letter.intake;

import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.CommunicationRequest;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.Test;
import se.vardnav.fhir.Fhir;
import se.vardnav.letter.LetterFhir;
import se.vardnav.support.TestPersons;

import java.time.Instant;
import java.util.Date;

import static org.assertj.core.api.Assertions.assertThat;

/** A kallelse's appointment travels with it as a contained Appointment that {@code about} points at. */
class LetterRequestMapperAppointmentTest {

    private static CommunicationRequest kallelse(Appointment appointment) {
        CommunicationRequest cr = new CommunicationRequest();
        cr.addIdentifier(new Identifier().setSystem(LetterFhir.JOURNAL_LETTER_ID).setValue("K-1").setAssigner(new Reference().setDisplay("TakeCare")));
        cr.addExtension(LetterFhir.EXT_DOCUMENT_NAME, new StringType("Kallelse"));
        cr.setSubject(new Reference().setIdentifier(new Identifier().setSystem(Fhir.PERSONNUMMER).setValue(TestPersons.next())));
        cr.addPayload().setContent(new StringType("Välkommen."));
        if (appointment != null) {
            appointment.setId("a1");
            cr.addContained(appointment);
            cr.addAbout(new Reference("#a1"));
        }
        return cr;
    }

    @Test
    void theContainedAppointmentBecomesTheLettersAppointment() {
        Appointment a = new Appointment();
        a.addIdentifier().setSystem(Fhir.JOURNAL_BOOKING_ID).setValue("B-9");
        a.setDescription("Återbesök");
        a.setStart(Date.from(Instant.parse("2031-01-02T09:00:00Z")));
        a.setEnd(Date.from(Instant.parse("2031-01-02T09:20:00Z")));
        a.setPatientInstruction("Kom fastande.");
        a.addParticipant().setActor(new Reference().setType("Location").setDisplay("Mottagning 3, Sundsvall"));

        var result = LetterRequestMapper.read(kallelse(a));

        assertThat(result.problems()).isEmpty();
        var letter = result.letter();
        assertThat(letter.bookingId()).isEqualTo("B-9");
        assertThat(letter.appointment().title()).isEqualTo("Återbesök");
        assertThat(letter.appointment().start()).isEqualTo(Instant.parse("2031-01-02T09:00:00Z"));
        assertThat(letter.appointment().end()).isEqualTo(Instant.parse("2031-01-02T09:20:00Z"));
        assertThat(letter.appointment().location()).isEqualTo("Mottagning 3, Sundsvall");
        assertThat(letter.appointment().description()).isEqualTo("Kom fastande.");
    }

    @Test
    void anAppointmentWithoutTitleOrStartIsNamedAsAProblem() {
        var result = LetterRequestMapper.read(kallelse(new Appointment().setDescription("Besök")));
        assertThat(result.letter()).isNull();
        assertThat(result.problems()).singleElement().asString().contains("description").contains("start");
    }

    @Test
    void aLetterWithoutAnAppointmentHasNone() {
        var result = LetterRequestMapper.read(kallelse(null));
        assertThat(result.problems()).isEmpty();
        assertThat(result.letter().appointment()).isNull();
    }
}
