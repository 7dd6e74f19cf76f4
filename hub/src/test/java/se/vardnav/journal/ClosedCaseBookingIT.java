package se.vardnav.journal;

import ca.uhn.fhir.context.FhirContext;
import io.micrometer.core.instrument.MeterRegistry;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.SearchParameter;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import se.vardnav.booking.Hl7Time;
import se.vardnav.fhir.Fhir;
import se.vardnav.sim.journal.SiuMessages;
import se.vardnav.sim.platform.VisitEncounters;
import se.vardnav.support.AdminClient;
import se.vardnav.support.HubTestBase;
import se.vardnav.support.TestPersons;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Date;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A case the patient closed on the visit platform takes no more bookings: the platform reports the closed case (its
 * Encounter, linked to the journal booking), then a reschedule over SIU gets AE with the reason and lands in
 * DLQ.journal.inbound, one over FHIR gets 422, "Uppdatera nu" leaves it as it is; nothing of them is numbered or reaches
 * the platform, each is counted. Cancelling the booking is still taken.
 */
class ClosedCaseBookingIT extends HubTestBase {
    static final String UNIT = "SE2321000016-CLS1";
    static final String DLQ = "DLQ.journal.inbound";
    static final LocalDateTime DAY = LocalDateTime.of(2026, 12, 15, 10, 0);
    @Autowired
    MeterRegistry meters;

    private String siu(SiuMessages m, String bookingId, String patient, LocalDateTime start) {
        return send(m.bookingId(bookingId).start(start).minutes(20).timeType("VIDEO", "Videobesök").patient(patient)
                .staff("SE2321000016-1234", "Lind").unit(UNIT, "Mottagningen").messageTime(localNow()).build());
    }

    private LocalDateTime localNow() {
        return LocalDateTime.ofInstant(clock.instant(), Hl7Time.JOURNAL_ZONE);
    }

    private double refusals() {
        var c = meters.find("vardnav.bookings.refused").tag("reason", "case-closed").counter();
        return c == null ? 0 : c.count();
    }

    private long numbered(String bookingId) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM intake_message WHERE booking_id = ?", Long.class, bookingId);
    }

    /** The platform reports the visit of this booking ended and its case closed by the patient. */
    private void patientClosesTheCase(String bookingId, String patient) {
        String visit = "V-" + UUID.randomUUID();
        Instant t = clock.instant().minusSeconds(3600);
        int status = platform.pushVisit("http://127.0.0.1:" + httpPort + "/fhir", VisitEncounters.visit(visit, patient, UNIT, "SE2321000016-DR21")
                .booking(bookingId).at(t.plusSeconds(60)).started(t).ended(t.plusSeconds(30), 3).caseClosed().build());
        assertThat(status).isIn(200, 201);
        await().until(() -> !jdbc.queryForList("SELECT visit_id FROM visit WHERE booking_id = ? AND case_closed = TRUE", String.class, bookingId).isEmpty());
    }

    @Test
    void aBookingOfAClosedCaseIsRefusedOverSiuFhirAndResyncButItsCancellationIsTaken() throws Exception {
        String patient = TestPersons.next();
        String booking = newBookingId();
        assertThat(siu(SiuMessages.s12(), booking, patient, DAY)).contains("MSA|AA");
        await().until(() -> platform.findByBookingId(booking).isPresent());
        patientClosesTheCase(booking, patient);
        double refusedBefore = refusals();
        long numberedBefore = numbered(booking);
        int writes = platform.writes().size();
        AdminClient admin = new AdminClient(httpPort);

        // SIU: AE with the reason, kept in the dead-letter queue with it
        String ack = siu(SiuMessages.s13(), booking, patient, DAY.plusHours(2));
        assertThat(ack).contains("MSA|AE").contains("ERR|").contains("the patient closed on the visit platform").doesNotContain(patient);
        await().until(() -> admin.deadLetters(DLQ).stream().anyMatch(r -> String.valueOf(r.get("reason")).contains("AE: booking " + booking)
                && String.valueOf(r.get("reason")).contains("closed")));

        // FHIR: 422 with the reason in an OperationOutcome
        Appointment moved = FhirIntakeIT.appointment(booking);
        moved.setId(booking);
        moved.getParticipantFirstRep().getActor().getIdentifier().setValue(patient);
        HttpResponse<String> refused = sendFhir("PUT", "Appointment/" + booking, moved);
        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.body()).contains("OperationOutcome").contains("belongs to a case the patient closed").doesNotContain(patient);

        // "Uppdatera nu": the journal shows it moved, the platform keeps it as it was
        installPatientSearch();
        schedule.book(patient, booking, UNIT, "SE2321000016-1234", DAY.plusHours(3), 20, "VIDEO", "Videobesök");
        HttpResponse<String> resync = resync(patient);
        assertThat(resync.statusCode()).isEqualTo(200);
        assertThat(count(resync, "refused")).isEqualTo(1);
        assertThat(count(resync, "updated") + count(resync, "created") + count(resync, "cancelled")).isZero();

        // nothing of the three was numbered or reached the platform; each was counted
        assertThat(refusals()).isEqualTo(refusedBefore + 3);
        assertThat(numbered(booking)).isEqualTo(numberedBefore);
        assertThat(platform.writes()).hasSize(writes);
        assertThat(platform.findByBookingId(booking).orElseThrow().getStart())
                .isEqualTo(Date.from(DAY.atZone(Hl7Time.JOURNAL_ZONE).toInstant()));

        // cancelling is always taken
        assertThat(siu(SiuMessages.s15(), booking, patient, DAY)).contains("MSA|AA");
        await().until(() -> platform.findByBookingId(booking).map(Appointment::getStatus).orElse(null) == Appointment.AppointmentStatus.CANCELLED);
    }

    @Test
    void anOpenCaseAndABookingOfAnotherCaseAreTakenAsBefore() throws Exception {
        String patient = TestPersons.next();
        String closed = newBookingId(), other = newBookingId();
        assertThat(siu(SiuMessages.s12(), closed, patient, DAY)).contains("MSA|AA");
        patientClosesTheCase(closed, patient);
        assertThat(siu(SiuMessages.s12(), other, patient, DAY.plusHours(1))).contains("MSA|AA");
        await().until(() -> platform.findByBookingId(other).isPresent());
    }

    private void installPatientSearch() throws Exception {
        platform.operatorClient().create().resource(FhirContext.forR4Cached().newJsonParser()
                        .parseResource(SearchParameter.class, Files.readString(Path.of("connectors/visit-platform/conformance/SearchParameter-appointment-patient-identifier.json"))))
                .execute();
    }

    private HttpResponse<String> resync(String patient) throws Exception {
        Parameters p = new Parameters();
        p.addParameter().setName("identifier").setValue(new Identifier().setSystem(Fhir.PERSONNUMMER).setValue(patient));
        p.addParameter().setName("unit").setValue(new StringType(UNIT));
        return sendFhir("POST", "Patient/$resync-bookings", p);
    }

    private static int count(HttpResponse<String> response, String name) {
        Parameters p = FhirContext.forR4Cached().newJsonParser().parseResource(Parameters.class, response.body());
        return ((org.hl7.fhir.r4.model.IntegerType) p.getParameter(name).getValue()).getValue();
    }
}
