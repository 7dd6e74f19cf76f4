package se.vardnav.booking;

import se.vardnav.identity.PatientIdentity;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * One version of a journal booking, read from a SIU message. Carries no patient name (data minimisation).
 *
 * @param source       MSH-3 sending application, e.g. TAKECARE
 * @param controlId    MSH-10
 * @param trigger      MSH-9.2, e.g. S12
 * @param version      MSH-7 as epoch millis: a later message is a newer version of the booking
 * @param bookingId    SCH-1.1 placer appointment id, the journal booking id
 * @param fillerId     SCH-2.1, may be null
 * @param caseName     SCH-7 (ärendenamn, case name), at most 40 characters, may be null
 * @param timeTypeCode SCH-8.1 (tidstyp, time type)
 * @param minutes      length in minutes, from end − start
 * @param fillerStatus SCH-25.1 (table 0278), may be null
 * @param comment      first NTE-3 after SCH, may be null
 * @param patient      PID-3, null for a booking without patient ("Utan invånare")
 * @param patientPhone PID-13, the patient's phone for notifications; null if none
 */
public record SiuBooking(
        String source,
        String controlId,
        String trigger,
        long version,
        String bookingId,
        String fillerId,
        BookingStatus status,
        Instant start,
        Instant end,
        int minutes,
        String caseName,
        String timeTypeCode,
        String timeTypeText,
        String fillerStatus,
        String comment,
        PatientIdentity patient,
        Set<Protection> protections,
        List<Resource> staff,
        List<Resource> locations,
        List<Resource> generalResources,
        String patientPhone) {

    /** A scheduled resource: id (HSA-id for staff and units, code for others) and a display text. */
    public record Resource(String id, String display) {}

    public SiuBooking {
        protections = Set.copyOf(protections);
        staff = List.copyOf(staff);
        locations = List.copyOf(locations);
        generalResources = List.copyOf(generalResources);
    }

    public boolean hasPatient() {
        return patient != null;
    }

    /** Sekretessmarkering, skyddad folkbokföring or spärrad journal: never to the visit platform. */
    public boolean isProtected() {
        return !protections.isEmpty();
    }

    /** S17: the booking was deleted, not just cancelled. */
    public boolean deleted() {
        return "S17".equals(trigger);
    }
}
