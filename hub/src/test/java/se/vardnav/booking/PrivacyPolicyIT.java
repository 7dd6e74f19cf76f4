package se.vardnav.booking;

import org.hl7.fhir.r4.model.Appointment;
import org.junit.jupiter.api.Test;
import se.vardnav.sim.journal.SiuMessages;
import se.vardnav.support.HubTestBase;
import se.vardnav.support.TestPersons;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** What the privacy rules (docs/architecture.md, "Privacy rules") keep from the visit platform: withheld, recorded with a reason, never sent. */
class PrivacyPolicyIT extends HubTestBase {
    private static final LocalDateTime START = LocalDateTime.of(2026, 12, 2, 10, 0);

    private SiuMessages booking(String id, String patient) {
        return SiuMessages.s12().bookingId(id).start(START).minutes(15).timeType("VIDEO", "Videobesök")
                .patient(patient).staff("SE2321000016-1234", "Lind").messageTime(LocalDateTime.of(2026, 11, 20, 8, 0));
    }

    private void assertWithheld(String id, String reason) {
        await().until(() -> !reasons(id).isEmpty());
        assertThat(reasons(id)).extracting(r -> r.get("REASON")).containsExactly(reason);
        assertThat(platform.findByBookingId(id)).as("nothing of the booking reached the platform").isEmpty();
    }

    private List<Map<String, Object>> reasons(String id) {
        return jdbc.queryForList("SELECT reason AS REASON FROM withheld_booking WHERE booking_id = ?", id);
    }

    @Test
    void protectionIndicatorFromTheJournalSystem() {
        String id = newBookingId();
        assertThat(send(booking(id, TestPersons.next()).protectedIndicator(true).build())).contains("MSA|AA");
        assertWithheld(id, "PROTECTED_IDENTITY");
    }

    @Test
    void sekretessmarkeringInThePopulationRegister() {
        String id = newBookingId();
        String patient = TestPersons.next();
        register.markProtected(patient);
        send(booking(id, patient).build());
        assertWithheld(id, "PROTECTED_IDENTITY");
    }

    @Test
    void skyddadFolkbokforingInThePopulationRegister() {
        String id = newBookingId();
        String patient = TestPersons.next();
        register.markProtectedPopulationRecord(patient);
        send(booking(id, patient).build());
        assertWithheld(id, "PROTECTED_IDENTITY");
    }

    @Test
    void blockedJournal() {
        String id = newBookingId();
        send(booking(id, TestPersons.next()).publicity("SPJ").build());
        assertWithheld(id, "BLOCKED_JOURNAL");
    }

    @Test
    void deceasedPatient() {
        String id = newBookingId();
        String patient = TestPersons.next();
        register.markDeceased(patient);
        send(booking(id, patient).build());
        assertWithheld(id, "DECEASED");
    }

    @Test
    void hiddenTimeType() {
        String id = newBookingId();
        send(booking(id, TestPersons.next()).timeType("DOLD", "Dold tid").build());
        assertWithheld(id, "HIDDEN_TIME_TYPE");
    }

    @Test
    void unmappedTimeTypeIsWithheldAndReportedForRegionIt() {
        String id = newBookingId();
        send(booking(id, TestPersons.next()).timeType("NYTID", "Ny tidstyp").build());
        assertWithheld(id, "UNMAPPED_TIME_TYPE");
        assertThat(jdbc.queryForList("SELECT time_type FROM unmapped_time_type WHERE time_type = 'NYTID'")).hasSize(1);
    }

    @Test
    void aBookingThatBecomesProtectedAfterDeliveryIsTakenBackWithoutThePatient() {
        String id = newBookingId();
        String patient = TestPersons.next();
        send(booking(id, patient).build());
        await().until(() -> platform.findByBookingId(id).isPresent());

        send(booking(id, patient).messageTime(LocalDateTime.of(2026, 11, 20, 9, 0)).protectedIndicator(true).build());
        await().until(() -> platform.findByBookingId(id).orElseThrow().getStatus() == Appointment.AppointmentStatus.CANCELLED);
        Appointment shown = platform.findByBookingId(id).orElseThrow();
        assertThat(shown.getParticipant()).noneMatch(p -> "Patient".equals(p.getActor().getType()));
        assertThat(shown.hasDescription()).isFalse();
        assertThat(AppointmentConformanceIT.validator(ca.uhn.fhir.context.FhirContext.forR4Cached()).validateWithResult(shown)
                .getMessages()).noneMatch(m -> m.getSeverity().ordinal() >= ca.uhn.fhir.validation.ResultSeverityEnum.ERROR.ordinal());
        assertThat(reasons(id)).extracting(r -> r.get("REASON")).containsExactly("PROTECTED_IDENTITY");
    }

    @Test
    void registerDownMeansTheBookingWaitsAndIsNeverSentUnchecked() {
        String id = newBookingId();
        register.goDown();
        assertThat(send(booking(id, TestPersons.next()).build())).as("durable on the broker, so the sender gets AA").contains("MSA|AA");
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4)).until(() -> platform.findByBookingId(id).isEmpty());
        register.comeUp();
        await().atMost(Duration.ofSeconds(20)).until(() -> platform.findByBookingId(id).isPresent());
    }

    @Test
    void registerDownDoesNotReleaseAProtectedPatientWhenItComesBack() {
        String id = newBookingId();
        String patient = TestPersons.next();
        register.markProtected(patient);
        register.goDown();
        send(booking(id, patient).build());
        register.comeUp();
        assertWithheld(id, "PROTECTED_IDENTITY");
    }
}
