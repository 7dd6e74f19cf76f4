package se.vardnav.resync;

import ca.uhn.fhir.context.FhirContext;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.SearchParameter;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import se.vardnav.fhir.Fhir;
import se.vardnav.sim.journal.SiuMessages;
import se.vardnav.support.HubTestBase;
import se.vardnav.support.TestPersons;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Date;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * "Uppdatera nu": the journal's schedule reconciles the platform through the booking flow's policy and version rules.
 * Over RIV-TA here; {@link BookingResyncHl7IT} runs the same scenarios with the journal answering HL7 SQM^S25 from the
 * same schedule.
 */
class BookingResyncIT extends HubTestBase {
    static final String UNIT = "SE2321000016-RSY1";
    static final LocalDateTime DAY = LocalDateTime.of(2026, 12, 14, 9, 0);

    @BeforeEach
    void platformFindsBookingsByPatient() throws Exception {
        platform.operatorClient().create().resource(FhirContext.forR4Cached().newJsonParser()
                .parseResource(SearchParameter.class, Files.readString(Path.of("connectors/visit-platform/conformance/SearchParameter-appointment-patient-identifier.json"))))
                .execute();
    }

    /** The journal's schedule service stops answering (connections refused). */
    protected void journalDown() {
        schedule.goDown();
    }

    protected void journalUp() {
        schedule.comeUp();
    }

    void stream(String bookingId, String patient, LocalDateTime start, LocalDateTime messageTime) {
        assertThat(send(SiuMessages.s12().bookingId(bookingId).start(start).minutes(20).timeType("VIDEO", "Videobesök").patient(patient)
                .staff("SE2321000016-1234", "Lind").unit(UNIT, "Mottagningen").messageTime(messageTime).build())).contains("MSA|AA");
        await().until(() -> platform.findByBookingId(bookingId).isPresent());
    }

    HttpResponse<String> resync(String patient, String unit) throws Exception {
        Parameters p = new Parameters();
        p.addParameter().setName("identifier").setValue(new Identifier().setSystem(Fhir.PERSONNUMMER).setValue(patient));
        if (unit != null) {
            p.addParameter().setName("unit").setValue(new StringType(unit));
        }
        return sendFhir("POST", "Patient/$resync-bookings", p);
    }

    static int count(HttpResponse<String> response, String name) {
        Parameters p = FhirContext.forR4Cached().newJsonParser().parseResource(Parameters.class, response.body());
        return ((org.hl7.fhir.r4.model.IntegerType) p.getParameter(name).getValue()).getValue();
    }

    LocalDateTime localNow() {
        return LocalDateTime.ofInstant(clock.instant(), se.vardnav.booking.Hl7Time.JOURNAL_ZONE);
    }

    @Test
    void createsWhatIsMissingUpdatesWhatDiffersAndCancelsWhatTheJournalNoLongerHas() throws Exception {
        String patient = TestPersons.next();
        String kept = newBookingId(), moved = newBookingId(), gone = newBookingId(), missing = newBookingId();
        LocalDateTime sent = localNow().minusMinutes(30);
        stream(kept, patient, DAY, sent);
        stream(moved, patient, DAY.plusHours(1), sent);
        stream(gone, patient, DAY.plusHours(2), sent);
        schedule.book(patient, kept, UNIT, "SE2321000016-1234", DAY, 20, "VIDEO", "Videobesök");
        schedule.book(patient, moved, UNIT, "SE2321000016-1234", DAY.plusHours(3), 20, "VIDEO", "Videobesök");
        schedule.book(patient, missing, UNIT, "SE2321000016-1234", DAY.plusHours(4), 20, "VIDEO", "Videobesök");

        HttpResponse<String> answer = resync(patient, UNIT);
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).doesNotContain(patient);
        assertThat(count(answer, "created")).isEqualTo(1);
        assertThat(count(answer, "updated")).isEqualTo(1);
        assertThat(count(answer, "cancelled")).isEqualTo(1);
        assertThat(count(answer, "unchanged")).isEqualTo(1);
        assertThat(count(answer, "withheld")).isZero();
        await().until(() -> platform.findByBookingId(missing).isPresent()
                && platform.findByBookingId(gone).map(Appointment::getStatus).orElse(null) == Appointment.AppointmentStatus.CANCELLED
                && platform.findByBookingId(moved).map(a -> a.getStart().toInstant()).orElse(Instant.EPOCH)
                .equals(DAY.plusHours(3).atZone(se.vardnav.booking.Hl7Time.JOURNAL_ZONE).toInstant()));

        HttpResponse<String> again = resync(patient, UNIT);
        assertThat(count(again, "unchanged")).isEqualTo(3);
        assertThat(count(again, "created") + count(again, "updated") + count(again, "cancelled")).isZero();
    }

    @Test
    void aPatientWithProtectedIdentityIsWithheldAndNeverReachesThePlatform() throws Exception {
        String patient = TestPersons.next();
        register.markProtected(patient);
        String booking = newBookingId();
        schedule.book(patient, booking, UNIT, "SE2321000016-1234", DAY, 20, "VIDEO", "Videobesök");
        HttpResponse<String> answer = resync(patient, UNIT);
        assertThat(count(answer, "withheld")).isEqualTo(1);
        assertThat(count(answer, "created")).isZero();
        await().until(() -> !jdbc.queryForList("SELECT reason FROM withheld_booking WHERE booking_id = ?", String.class, booking).isEmpty());
        assertThat(platform.findByBookingId(booking)).isEmpty();
    }

    @Test
    void aNewerStreamedEventWins() throws Exception {
        String patient = TestPersons.next();
        String booking = newBookingId();
        // the journal's own message is timed two minutes after the hub's clock (within the tolerance)
        stream(booking, patient, DAY.plusHours(5), localNow().plusMinutes(2));
        schedule.book(patient, booking, UNIT, "SE2321000016-1234", DAY.plusHours(6), 20, "VIDEO", "Videobesök");
        HttpResponse<String> answer = resync(patient, UNIT);
        assertThat(count(answer, "updated")).isZero();
        assertThat(platform.findByBookingId(booking).orElseThrow().getStart())
                .isEqualTo(Date.from(DAY.plusHours(5).atZone(se.vardnav.booking.Hl7Time.JOURNAL_ZONE).toInstant()));
    }

    @Test
    void aJournalThatCannotBeReachedGives503AndAnUnknownPatient422() throws Exception {
        String patient = TestPersons.next();
        String booking = newBookingId();
        stream(booking, patient, DAY.plusHours(7), localNow().minusMinutes(30));
        int writes = platform.writes().size();
        journalDown();
        HttpResponse<String> down = resync(patient, UNIT);
        journalUp();
        assertThat(down.statusCode()).isEqualTo(503);
        assertThat(down.body()).contains("OperationOutcome").contains("nothing was changed").doesNotContain(patient);
        // the journal's silence is not "the patient has no bookings": nothing cancelled
        assertThat(platform.writes()).hasSize(writes);
        assertThat(platform.findByBookingId(booking).orElseThrow().getStatus()).isEqualTo(Appointment.AppointmentStatus.BOOKED);
        HttpResponse<String> bad = resync(TestPersons.withBadCheckDigit(), UNIT);
        assertThat(bad.statusCode()).isEqualTo(422);
        assertThat(bad.body()).contains("check digit");
    }
}
