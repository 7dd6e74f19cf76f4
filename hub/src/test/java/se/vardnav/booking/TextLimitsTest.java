package se.vardnav.booking;

import org.hl7.fhir.r4.model.Appointment;
import org.junit.jupiter.api.Test;
import se.vardnav.sim.journal.SiuMessages;

import java.time.LocalDateTime;

import static org.assertj.core.api.Assertions.assertThat;

class TextLimitsTest {
    private final TextLimits limits = new TextLimits(40, 100, 20, 30);
    private final SiuParser parser = new SiuParser();

    private SiuMessages booking() {
        return SiuMessages.s12().bookingId("B1").start(LocalDateTime.of(2025, 3, 10, 9, 30)).minutes(20)
                .timeType("VIDEO", "Video").patient("191212121212");
    }

    @Test
    void textsWithinTheLimitsPass() throws Exception {
        // 40 characters, counted as characters (å is one), not bytes
        SiuBooking b = parser.parse(booking().caseName("å".repeat(40)).comment("ö".repeat(100)).build());
        assertThat(limits.problems(b)).isEmpty();
        assertThat(limits.problems(AppointmentMapper.toAppointment(b))).isEmpty();
    }

    @Test
    void everyPatientFacingSiuFieldIsCheckedByName() throws Exception {
        SiuBooking b = parser.parse(booking().caseName("x".repeat(41)).comment("y".repeat(101)).timeType("VIDEO", "t".repeat(21))
                .staff("SE1", "s".repeat(31)).unit("SE2", "u".repeat(31)).resource("VR1", "r".repeat(31)).build());
        assertThat(limits.problems(b)).containsExactly(
                "SCH-7 (case name) is 41 characters; the limit is 40",
                "NTE-3 (comment) is 101 characters; the limit is 100",
                "SCH-8.2 (time type text) is 21 characters; the limit is 20",
                "AIP-3 (staff name) is 31 characters; the limit is 30",
                "AIL-3.9 (unit name) is 31 characters; the limit is 30",
                "AIG-3.2 (resource text) is 31 characters; the limit is 30");
    }

    @Test
    void fhirElementsAreCheckedByPath() throws Exception {
        Appointment a = AppointmentMapper.toAppointment(parser.parse(booking().caseName("Kontroll").build()));
        a.setComment("c".repeat(101));
        a.setPatientInstruction("p".repeat(101));
        a.getParticipantFirstRep().getActor().setDisplay("d".repeat(31));
        assertThat(limits.problems(a)).containsExactly(
                "Appointment.comment is 101 characters; the limit is 100",
                "Appointment.patientInstruction is 101 characters; the limit is 100",
                "Appointment.participant.actor.display is 31 characters; the limit is 30");
    }
}
