package se.vardnav.resync;

import org.junit.jupiter.api.Test;
import riv.crm.scheduling._1.TimeslotType;
import se.vardnav.booking.Hl7Time;
import se.vardnav.identity.PatientIdentity;
import se.vardnav.sim.journal.ScheduleQueries;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The SQM^S25 the hub asks with, and how it reads SQR^S25 (answers made by the journal simulator, or edited from them). */
class Hl7ScheduleMessagesTest {
    static final String PATIENT = "191212121212";
    static final String UNIT = "SE2321000016-U1";
    static final String ID = "VNQ1";
    private final Hl7ScheduleMessages messages = new Hl7ScheduleMessages("JOURNAL", "REGION");
    private final PatientIdentity patient = PatientIdentity.classify(PATIENT, "1.2.752.129.2.1.3.1");

    private static TimeslotType slot(String bookingId, String unit) {
        TimeslotType t = new TimeslotType();
        t.setBookingId(bookingId);
        t.setHealthcareFacility(unit);
        t.setHealthcareFacilityName("Mottagningen");
        t.setPerformer("SE2321000016-1234");
        t.setPerformerName("Lind");
        t.setStartTimeInclusive("20261214090000");
        t.setEndTimeExclusive("20261214092000");
        t.setTimeTypeID("VIDEO");
        t.setTimeTypeName("Videobesök");
        return t;
    }

    private String answer(List<TimeslotType> schedule) {
        String query = messages.query(ID, patient, UNIT, Instant.parse("2026-12-01T08:00:00Z"));
        return new ScheduleQueries((unit, who) -> UNIT.equals(unit) && PATIENT.equals(who) ? schedule : List.of()).answer(query);
    }

    @Test
    void theQueryNamesThePatientByNationalOidTheUnitAndTheLimit() {
        String query = messages.query(ID, patient, UNIT, Instant.parse("2026-12-01T08:00:00Z"));
        assertThat(query).startsWith("MSH|^~\\&|VARDNAV||JOURNAL|REGION|20261201090000+0100||SQM^S25^SQM_S25|VNQ1|P|2.5")
                .contains("UNICODE UTF-8")
                .contains("\rQRD|20261201090000+0100|R|I|VNQ1|||1000^RD|191212121212^^^^^^^^&1.2.752.129.2.1.3.1&ISO^^^^NNSWE|APM")
                .contains("\rQRF|" + UNIT);
    }

    @Test
    void theAnswerBecomesTheSameBookingsAsOverRivTa() {
        List<ScheduledBooking> read = messages.read(answer(List.of(slot("B-1", UNIT), slot("B-2", UNIT))), ID, patient);
        assertThat(read).hasSize(2);
        ScheduledBooking b = read.get(0);
        assertThat(b.bookingId()).isEqualTo("B-1");
        assertThat(b.start()).isEqualTo(LocalDateTime.of(2026, 12, 14, 9, 0).atZone(Hl7Time.JOURNAL_ZONE).toInstant());
        assertThat(b.end()).isEqualTo(LocalDateTime.of(2026, 12, 14, 9, 20).atZone(Hl7Time.JOURNAL_ZONE).toInstant());
        assertThat(b.timeTypeId()).isEqualTo("VIDEO");
        assertThat(b.timeTypeName()).isEqualTo("Videobesök");
        assertThat(b.performerHsaId()).isEqualTo("SE2321000016-1234");
        assertThat(b.performerName()).isEqualTo("Lind");
        assertThat(b.unitHsaId()).isEqualTo(UNIT);
        assertThat(b.unitName()).isEqualTo("Mottagningen");
    }

    @Test
    void noDataFoundIsNoBookings() {
        assertThat(answer(List.of())).contains("QAK|VNQ1|NF");
        assertThat(messages.read(answer(List.of()), ID, patient)).isEmpty();
    }

    @Test
    void aBookingMarkedCancelledInTheAnswerIsOneTheJournalNoLongerHas() {
        String cancelled = answer(List.of(slot("B-1", UNIT), slot("B-2", UNIT))).replaceFirst("\\|Booked\r", "|Cancelled\r");
        assertThat(messages.read(cancelled, ID, patient)).extracting(ScheduledBooking::bookingId).containsExactly("B-2");
    }

    @Test
    void anAnswerThatCannotBeTheWholeScheduleOfThisPatientIsRefusedAsAWhole() {
        String ok = answer(List.of(slot("B-1", UNIT)));
        assertRefused(ok.replace("MSA|AA|VNQ1", "MSA|AA|OTHER"), "another query");
        assertRefused(ok.replace("QAK|VNQ1|", "QAK|OTHER|"), "another query");
        assertRefused(ok.replace("|OK|SQM^S25|1|1|0", "|OK|SQM^S25|2|1|1"), "incomplete");
        assertRefused(ok + "DSC|MORE-1\r", "incomplete");
        assertRefused(ok.replace(PATIENT + "^^^", "199001012385^^^"), "another patient");
        assertRefused(ok.replace("SCH|B-1|", "SCH||"), "SCH-1");
        assertRefused(ok.replace("^20261214092000", "^20261214080000"), "SCH-11.5");
        assertRefused(ScheduleQueries.refusal(messages.query(ID, patient, UNIT, Instant.now()), "AE", "Okänd enhet"), "answered AE to SQM^S25: Okänd enhet");
        assertRefused("not hl7 at all", "not HL7");
        assertRefused(ok.replace("SQR^S25^SQR_S25", "ACK^S25^ACK"), "not SQR^S25");
    }

    private void assertRefused(String answer, String why) {
        assertThatThrownBy(() -> messages.read(answer, ID, patient)).isInstanceOf(ScheduleUnavailableException.class)
                .hasMessageContaining(why).hasMessageNotContaining(PATIENT)
                .satisfies(e -> assertThat(((ScheduleUnavailableException) e).status()).isEqualTo(502));
    }

    @Test
    void theSimulatorHoldsQueriesToTheProfile() {
        String query = messages.query(ID, patient, UNIT, Instant.now());
        ScheduleQueries journal = new ScheduleQueries((u, p) -> List.of());
        assertThat(journal.answer(query.replace("|APM", "|XYZ"))).contains("MSA|AE|VNQ1|QRD-9");
        assertThat(journal.answer(query.replace("&1.2.752.129.2.1.3.1&", "&1.2.3&"))).contains("MSA|AE|VNQ1|QRD-8.9");
        assertThat(journal.answer(query.replace("QRF|" + UNIT, "QRF|"))).contains("MSA|AE|VNQ1|QRF-1");
    }
}
