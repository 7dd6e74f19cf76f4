package se.vardnav.journal.fhir;

import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Appointment.AppointmentStatus;
import se.vardnav.booking.AppointmentPatient;
import se.vardnav.booking.BookingPolicy;
import se.vardnav.booking.TextLimits;
import se.vardnav.fhir.Fhir;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

/** What a booking event posted over FHIR must carry, as readable problems (none = acceptable). */
public class IncomingAppointmentRules {
    private final TextLimits textLimits;
    private static final EnumSet<AppointmentStatus> NEEDS_TIME =
            EnumSet.of(AppointmentStatus.BOOKED, AppointmentStatus.ARRIVED, AppointmentStatus.NOSHOW, AppointmentStatus.FULFILLED);

    public IncomingAppointmentRules(TextLimits textLimits) {
        this.textLimits = textLimits;
    }

    public List<String> problems(Appointment a) {
        List<String> problems = new ArrayList<>();
        if (a.getIdentifier().stream().noneMatch(i -> Fhir.JOURNAL_BOOKING_ID.equals(i.getSystem()) && i.hasValue())) {
            problems.add("Appointment.identifier: the journal booking id with system " + Fhir.JOURNAL_BOOKING_ID + " is required");
        }
        if (!a.hasStatus()) {
            problems.add("Appointment.status is required");
        } else if (NEEDS_TIME.contains(a.getStatus()) && !(a.hasStart() && a.hasEnd())) {
            problems.add("Appointment.start and Appointment.end are required for status " + a.getStatus().toCode());
        }
        if (a.hasStart() && a.hasEnd() && !a.getEnd().after(a.getStart())) {
            problems.add("Appointment.end must be after Appointment.start");
        }
        if (BookingPolicy.timeTypeOf(a) == null) {
            problems.add("Appointment.appointmentType: a time type coding with system " + Fhir.JOURNAL_TIME_TYPE + " is required");
        }
        problems.addAll(textLimits.problems(a));
        // the same patient rule as the privacy policy: recognised by identifier system, validated, fail closed
        problems.addAll(AppointmentPatient.of(a).problems());
        return problems;
    }
}
