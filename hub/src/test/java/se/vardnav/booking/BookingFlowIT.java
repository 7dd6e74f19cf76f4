package se.vardnav.booking;

import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Extension;
import org.junit.jupiter.api.Test;
import se.vardnav.fhir.Fhir;
import se.vardnav.sim.journal.SiuMessages;
import se.vardnav.support.HubTestBase;
import se.vardnav.support.TestPersons;

import java.time.LocalDateTime;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** New, reschedule and cancel travel from the journal system (MLLP) to the visit platform (FHIR). */
class BookingFlowIT extends HubTestBase {
    private static final LocalDateTime T0 = LocalDateTime.of(2026, 11, 20, 8, 0);
    private static final LocalDateTime START = LocalDateTime.of(2026, 12, 1, 9, 0);

    static SiuMessages videoBooking(SiuMessages m, String bookingId, String patient) {
        return m.bookingId(bookingId).start(START).minutes(20).timeType("VIDEO", "Videobesök")
                .patient(patient).staff("SE2321000016-1234", "Lind").unit("SE2321000016-A1B2")
                .caseName("Uppföljning efter operation").comment("Ta med medicinlista");
    }

    @Test
    void newRescheduleAndCancelReachThePlatformWithTheRightContent() {
        String id = newBookingId();
        String patient = TestPersons.next();

        assertThat(send(videoBooking(SiuMessages.s12(), id, patient).messageTime(T0).build())).contains("MSA|AA");
        await().until(() -> platform.findByBookingId(id).isPresent());
        Appointment booked = platform.findByBookingId(id).orElseThrow();
        assertThat(booked.getStatus()).isEqualTo(Appointment.AppointmentStatus.BOOKED);
        assertThat(booked.getStart()).isEqualTo(START.atZone(ZoneId.of("Europe/Stockholm")).toInstant());
        assertThat(booked.getMinutesDuration()).isEqualTo(20);
        assertThat(booked.getDescription()).isEqualTo("Uppföljning efter operation");
        assertThat(booked.getComment()).isEqualTo("Ta med medicinlista");
        assertThat(booked.getAppointmentType().getCoding()).anyMatch(c -> Fhir.APPOINTMENT_TYPE.equals(c.getSystem()) && "ROUTINE".equals(c.getCode()));
        Extension video = booked.getExtensionByUrl(Fhir.EXT_VIRTUAL_SERVICE);
        assertThat(video).as("a video time type asks the platform for a video room").isNotNull();
        assertThat(booked.getParticipant()).anyMatch(p -> p.getActor().hasIdentifier()
                && Fhir.PERSONNUMMER.equals(p.getActor().getIdentifier().getSystem())
                && patient.equals(p.getActor().getIdentifier().getValue()));
        assertThat(booked.getParticipant()).anyMatch(p -> p.getActor().hasIdentifier()
                && Fhir.HSA_ID.equals(p.getActor().getIdentifier().getSystem())
                && "SE2321000016-1234".equals(p.getActor().getIdentifier().getValue()));
        assertThat(booked.getMeta().getSecurity()).as("internal markers stay in the hub").isEmpty();

        LocalDateTime moved = START.plusDays(1);
        assertThat(send(videoBooking(SiuMessages.s13(), id, patient).start(moved).messageTime(T0.plusMinutes(1)).build())).contains("MSA|AA");
        await().until(() -> platform.findByBookingId(id).orElseThrow().getStart()
                .equals(java.util.Date.from(moved.atZone(ZoneId.of("Europe/Stockholm")).toInstant())));

        assertThat(send(videoBooking(SiuMessages.s15(), id, patient).start(moved).messageTime(T0.plusMinutes(2)).build())).contains("MSA|AA");
        await().until(() -> platform.findByBookingId(id).orElseThrow().getStatus() == Appointment.AppointmentStatus.CANCELLED);

        assertThat(platform.appointments().stream().filter(a -> id.equals(a.getIdentifierFirstRep().getValue()))).hasSize(1);
        assertThat(platform.writes().stream().filter(w -> id.equals(w.bookingId()))).hasSize(3);
    }

    @Test
    void aBookingWithoutPatientIsShownToo() {
        String id = newBookingId();
        SiuMessages m = SiuMessages.s12().bookingId(id).start(START).minutes(30).timeType("BESOK", "Mottagningsbesök")
                .staff("SE2321000016-1234", "Lind").messageTime(T0);
        assertThat(send(m.build())).contains("MSA|AA");
        await().until(() -> platform.findByBookingId(id).isPresent());
        assertThat(platform.findByBookingId(id).orElseThrow().getExtensionByUrl(Fhir.EXT_VIRTUAL_SERVICE)).isNull();
    }
}
