package se.vardnav.booking;

import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.PrimitiveType;
import org.springframework.boot.context.properties.ConfigurationProperties;
import se.vardnav.fhir.Fhir;

import java.util.ArrayList;
import java.util.List;

/**
 * How long each text of a booking that the patient sees on the visit platform may be, in characters
 * ({@code vardnav.booking.text-limits}). A longer text is refused with the field and the limit (AE over HL7,
 * 422 over FHIR), never cut: a cut comment can change its meaning. The case name's 40 characters are the
 * platform's own limit.
 */
@ConfigurationProperties("vardnav.booking.text-limits")
public record TextLimits(int caseName, int comment, int timeType, int resource) {

    public TextLimits {
        if (caseName <= 0 || comment <= 0 || timeType <= 0 || resource <= 0) {
            throw new IllegalArgumentException("vardnav.booking.text-limits: every limit must be set and positive");
        }
    }

    /** The limits of a SIU booking, by HL7 field; empty when every text fits. */
    public List<String> problems(SiuBooking b) {
        List<String> problems = new ArrayList<>();
        check(problems, "SCH-7 (case name)", b.caseName(), caseName);
        check(problems, "NTE-3 (comment)", b.comment(), comment);
        check(problems, "SCH-8.2 (time type text)", b.timeTypeText(), timeType);
        b.staff().forEach(r -> check(problems, "AIP-3 (staff name)", r.display(), resource));
        b.locations().forEach(r -> check(problems, "AIL-3.9 (unit name)", r.display(), resource));
        b.generalResources().forEach(r -> check(problems, "AIG-3.2 (resource text)", r.display(), resource));
        return problems;
    }

    /** The limits of an Appointment posted over FHIR, by element; empty when every text fits. */
    public List<String> problems(Appointment a) {
        List<String> problems = new ArrayList<>();
        check(problems, "Appointment.description (case name)", a.getDescription(), caseName);
        a.getExtensionsByUrl(Fhir.EXT_CASE_NAME).forEach(e -> check(problems, "Appointment.extension case-name",
                e.getValue() instanceof PrimitiveType<?> p ? p.getValueAsString() : null, caseName));
        check(problems, "Appointment.comment", a.getComment(), comment);
        check(problems, "Appointment.patientInstruction", a.getPatientInstruction(), comment);
        check(problems, "Appointment.appointmentType.text", a.getAppointmentType().getText(), timeType);
        for (Coding c : a.getAppointmentType().getCoding()) {
            check(problems, "Appointment.appointmentType.coding.display", c.getDisplay(), timeType);
        }
        a.getParticipant().forEach(p -> check(problems, "Appointment.participant.actor.display", p.getActor().getDisplay(), resource));
        return problems;
    }

    private static void check(List<String> problems, String field, String text, int limit) {
        if (text != null) {
            int length = text.codePointCount(0, text.length());
            if (length > limit) {
                problems.add(field + " is " + length + " characters; the limit is " + limit);
            }
        }
    }
}
