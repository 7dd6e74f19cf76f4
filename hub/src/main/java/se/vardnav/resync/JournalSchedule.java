package se.vardnav.resync;

import se.vardnav.identity.PatientIdentity;

import java.util.List;

/**
 * The journal system's bookings of one patient, asked over the protocol the journal offers ({@code vardnav.resync.protocol}):
 * RIV-TA GetSubjectOfCareSchedule ({@link RivSchedule}) or HL7 v2.5 SQM^S25 ({@link Hl7Schedule}). A journal that cannot
 * be asked, refuses or does not answer throws {@link ScheduleUnavailableException}: the resync changes nothing.
 */
public interface JournalSchedule extends AutoCloseable {

    /** Every booking the journal has for the patient at the unit (a unit of the whole journal asks for all). */
    List<ScheduledBooking> bookingsOf(String unitHsaId, PatientIdentity patient);

    @Override
    default void close() {
        // nothing held by default
    }
}
