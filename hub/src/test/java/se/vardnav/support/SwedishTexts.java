package se.vardnav.support;

import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Coding;
import se.vardnav.fhir.Fhir;
import se.vardnav.sim.journal.SiuMessages;

import java.time.LocalDateTime;

import static org.assertj.core.api.Assertions.assertThat;

/** A booking with å, ä, ö, Å, Ä, Ö in every text the platform shows, and the check that they arrived as written. */
public final class SwedishTexts {
    public static final String CASE = "Uppföljning åäö ÅÄÖ";
    public static final String COMMENT = "Ta med medicinlistan, Åsa! Öppet: å ä ö Å Ä Ö";
    public static final String TIME_TYPE = "Videobesök ÅÄÖ";
    public static final String STAFF = "Läkare Örjan Ådahl";
    public static final String UNIT = "Vårdcentralen Ängby Öst";
    public static final String ROOM = "Videorum Åre ö";

    private SwedishTexts() {}

    public static SiuMessages booking(String bookingId) {
        return SiuMessages.s12().bookingId(bookingId).start(LocalDateTime.of(2026, 12, 3, 9, 0)).minutes(20)
                .timeType("VIDEO", TIME_TYPE).patient(TestPersons.next()).caseName(CASE).comment(COMMENT)
                .staff("SE2321000016-1234", STAFF).unit("SE2321000016-A1B2", UNIT).resource("VR1", ROOM);
    }

    /** Every text of the booking arrived on the platform exactly as the journal system wrote it. */
    public static void assertArrived(Appointment a) {
        assertThat(a.getDescription()).isEqualTo(CASE);
        assertThat(a.getExtensionByUrl(Fhir.EXT_CASE_NAME).getValue().primitiveValue()).isEqualTo(CASE);
        assertThat(a.getComment()).isEqualTo(COMMENT);
        assertThat(a.getAppointmentType().getCoding()).filteredOn(c -> Fhir.JOURNAL_TIME_TYPE.equals(c.getSystem()))
                .extracting(Coding::getDisplay).containsExactly(TIME_TYPE);
        assertThat(a.getParticipant()).extracting(p -> p.getActor().getDisplay()).contains(STAFF, UNIT, ROOM);
    }
}
