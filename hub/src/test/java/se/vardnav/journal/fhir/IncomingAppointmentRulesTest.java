package se.vardnav.journal.fhir;

import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Appointment.AppointmentStatus;
import org.junit.jupiter.api.Test;
import se.vardnav.booking.AppointmentMapper;
import se.vardnav.booking.SiuParser;
import se.vardnav.booking.TextLimits;
import se.vardnav.fhir.Fhir;
import se.vardnav.sim.journal.SiuMessages;
import se.vardnav.support.TestPersons;

import java.time.LocalDateTime;
import java.util.Date;

import static org.assertj.core.api.Assertions.assertThat;

class IncomingAppointmentRulesTest {
    private final IncomingAppointmentRules rules = new IncomingAppointmentRules(new TextLimits(40, 2000, 100, 200));

    /** A valid event, in the same shape as the SIU intake produces. */
    private static Appointment valid() throws Exception {
        return AppointmentMapper.toAppointment(new SiuParser().parse(SiuMessages.s12().bookingId("B1")
                .start(LocalDateTime.of(2025, 3, 10, 9, 30)).minutes(20).timeType("VIDEO", "Videobesök")
                .patient("191212121212").caseName("Uppföljning").build()));
    }

    @Test
    void validAppointmentHasNoProblems() throws Exception {
        assertThat(rules.problems(valid())).isEmpty();
    }

    @Test
    void missingBookingId() throws Exception {
        Appointment a = valid();
        a.getIdentifier().clear();
        assertThat(rules.problems(a)).containsExactly(
                "Appointment.identifier: the journal booking id with system " + Fhir.JOURNAL_BOOKING_ID + " is required");
    }

    @Test
    void missingStatus() throws Exception {
        Appointment a = valid();
        a.setStatus(null);
        assertThat(rules.problems(a)).containsExactly("Appointment.status is required");
    }

    @Test
    void bookedNeedsStartAndEndButCancelledDoesNot() throws Exception {
        Appointment a = valid();
        a.setEnd(null);
        assertThat(rules.problems(a)).containsExactly("Appointment.start and Appointment.end are required for status booked");
        a.setStatus(AppointmentStatus.CANCELLED);
        assertThat(rules.problems(a)).isEmpty();
    }

    @Test
    void endBeforeStart() throws Exception {
        Appointment a = valid();
        a.setEnd(new Date(a.getStart().getTime() - 60_000));
        assertThat(rules.problems(a)).containsExactly("Appointment.end must be after Appointment.start");
    }

    @Test
    void missingTimeType() throws Exception {
        Appointment a = valid();
        a.getAppointmentType().getCoding().clear();
        assertThat(rules.problems(a)).containsExactly(
                "Appointment.appointmentType: a time type coding with system " + Fhir.JOURNAL_TIME_TYPE + " is required");
    }

    @Test
    void caseNameLongerThan40() throws Exception {
        Appointment a = valid();
        a.setDescription("x".repeat(Fhir.CASE_NAME_MAX + 1));
        assertThat(rules.problems(a)).containsExactly("Appointment.description (case name) is 41 characters; the limit is 40");
    }

    @Test
    void badCheckDigitIsReportedWithoutTheNumber() throws Exception {
        String bad = TestPersons.withBadCheckDigit();
        Appointment a = valid();
        a.getParticipantFirstRep().getActor().getIdentifier().setSystem(Fhir.PERSONNUMMER).setValue(bad);
        assertThat(rules.problems(a)).singleElement().satisfies(p -> {
            assertThat(p).startsWith("Appointment.participant[0] (patient): ").contains("check digit");
            // the problem goes back to the sender and into logs: no personal data in it
            assertThat(p).doesNotContain(bad).doesNotContain(bad.substring(2));
        });
    }

    @Test
    void reserveNumberIsNotCheckedAsPersonnummer() throws Exception {
        Appointment a = valid();
        a.getParticipantFirstRep().getActor().getIdentifier().setSystem(Fhir.RESERVNUMMER).setValue("98240301AA06");
        assertThat(rules.problems(a)).isEmpty();
    }

    @Test
    void aBadCheckDigitIsFoundWhateverTheParticipantSays() throws Exception {
        String bad = TestPersons.withBadCheckDigit();
        Appointment a = valid();
        a.getParticipantFirstRep().getActor().setType(null).getIdentifier().setSystem(Fhir.PERSONNUMMER).setValue(bad);
        assertThat(rules.problems(a)).singleElement().asString().contains("check digit").doesNotContain(bad);
    }

    @Test
    void aPatientThatCannotBeDeterminedIsAProblem() throws Exception {
        Appointment a = valid();
        a.getParticipantFirstRep().getActor().setType(null).setIdentifier(null).setDisplay("Tolvan Tolvansson");
        assertThat(rules.problems(a)).singleElement().asString().contains("cannot tell whether this participant is the patient");
    }
}
