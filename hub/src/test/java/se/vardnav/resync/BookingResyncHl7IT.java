package se.vardnav.resync;

import org.hl7.fhir.r4.model.Appointment;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import se.vardnav.sim.journal.JournalReceiver;
import se.vardnav.support.TestPersons;

import java.net.http.HttpResponse;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every scenario of {@link BookingResyncIT} with the journal answering "Uppdatera nu" over HL7 v2.5: the hub sends
 * SQM^S25 over MLLP to the journal's listener (the simulator answers SQR^S25 from the same schedule the RIV-TA service
 * serves). Then what a journal that refuses or stays silent gives: an OperationOutcome with 502 or 504, nothing changed.
 */
class BookingResyncHl7IT extends BookingResyncIT {

    @DynamicPropertySource
    static void overHl7(DynamicPropertyRegistry r) {
        r.add("vardnav.resync.protocol", () -> "hl7");
        r.add("vardnav.resync.hl7.answer-timeout", () -> "1000");
    }

    @Override
    protected void journalDown() {
        journalReceiver.goDown();
    }

    @Override
    protected void journalUp() {
        journalReceiver.comeUp();
    }

    @Test
    void theQueryIsSqmS25ForThePatientAtTheUnit() throws Exception {
        String patient = TestPersons.next();
        String booking = newBookingId();
        schedule.book(patient, booking, UNIT, "SE2321000016-1234", DAY, 20, "VIDEO", "Videobesök");
        assertThat(count(resync(patient, UNIT), "created")).isEqualTo(1);
        String query = journalReceiver.queries().get(journalReceiver.queries().size() - 1);
        assertThat(JournalReceiver.field(query, 9)).isEqualTo("SQM^S25^SQM_S25");
        assertThat(query).contains("QRD|").contains(patient + "^^^^^^^^&1.2.752.129.2.1.3.1&ISO").contains("|APM").contains("QRF|" + UNIT);
        // a query is no visit message: the journal's accepted ADT/MDM are untouched
        assertThat(journalReceiver.accepted()).noneMatch(m -> m.contains("SQM^S25"));
    }

    @Test
    void aJournalAnsweringAeOrArGives502AndChangesNothing() throws Exception {
        for (JournalReceiver.Mode mode : new JournalReceiver.Mode[] {JournalReceiver.Mode.AE, JournalReceiver.Mode.AR}) {
            String patient = TestPersons.next();
            String streamed = newBookingId();
            stream(streamed, patient, DAY.plusHours(8), localNow().minusMinutes(30));
            schedule.book(patient, newBookingId(), UNIT, "SE2321000016-1234", DAY.plusHours(9), 20, "VIDEO", "Videobesök");
            int writes = platform.writes().size();
            journalReceiver.answer(mode, "Frågan kan inte besvaras nu");
            HttpResponse<String> answer = resync(patient, UNIT);
            journalReceiver.comeUp();
            assertThat(answer.statusCode()).as(mode.name()).isEqualTo(502);
            assertThat(answer.body()).contains("OperationOutcome").contains("answered " + mode.name() + " to SQM^S25")
                    .contains("Frågan kan inte besvaras nu").contains("nothing was changed").doesNotContain(patient);
            assertThat(platform.writes()).hasSize(writes);
            assertThat(platform.findByBookingId(streamed).orElseThrow().getStatus()).isEqualTo(Appointment.AppointmentStatus.BOOKED);
        }
    }

    @Test
    void aJournalThatDoesNotAnswerInTimeGives504AndChangesNothing() throws Exception {
        String patient = TestPersons.next();
        String streamed = newBookingId();
        stream(streamed, patient, DAY.plusHours(10), localNow().minusMinutes(30));
        int writes = platform.writes().size();
        journalReceiver.slowBy(Duration.ofSeconds(3));
        HttpResponse<String> answer = resync(patient, UNIT);
        journalReceiver.comeUp();
        assertThat(answer.statusCode()).isEqualTo(504);
        assertThat(answer.body()).contains("OperationOutcome").contains("did not answer SQM^S25 in time").contains("nothing was changed");
        assertThat(platform.writes()).hasSize(writes);
        assertThat(platform.findByBookingId(streamed).orElseThrow().getStatus()).isEqualTo(Appointment.AppointmentStatus.BOOKED);
        // the next question gets its own answer, not the late one
        assertThat(resync(patient, UNIT).statusCode()).isEqualTo(200);
    }
}
