package se.vardnav.booking;

import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Appointment.AppointmentParticipantComponent;
import org.hl7.fhir.r4.model.Appointment.ParticipantRequired;
import org.hl7.fhir.r4.model.Appointment.ParticipationStatus;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import se.vardnav.fhir.Fhir;

import java.util.Date;

/**
 * {@link SiuBooking} to the hub's canonical booking event, a FHIR R4 Appointment. Participants are logical
 * references (identifier only): the hub does not own Patient/Practitioner resources. Time-type handling
 * (video, hidden) is left to the ConceptMap step downstream.
 */
public final class AppointmentMapper {
    private AppointmentMapper() {}

    public static Appointment toAppointment(SiuBooking b) {
        Appointment a = new Appointment();
        a.getMeta().setLastUpdated(new Date(b.version()));
        for (Protection p : b.protections()) {
            a.getMeta().addSecurity(securityLabel(p));
        }
        a.addExtension(Fhir.EXT_TRIGGER_EVENT, new CodeType(b.trigger()));
        Identifier id = a.addIdentifier().setSystem(Fhir.JOURNAL_BOOKING_ID).setValue(b.bookingId());
        id.getAssigner().setDisplay(b.source());
        a.setStatus(b.status().fhir());
        a.getAppointmentType().addCoding()
                .setSystem(Fhir.JOURNAL_TIME_TYPE).setCode(b.timeTypeCode()).setDisplay(b.timeTypeText());
        if (b.caseName() != null) {
            a.setDescription(b.caseName());
            a.addExtension(Fhir.EXT_CASE_NAME, new StringType(b.caseName()));
        }
        a.setStart(Date.from(b.start()));
        a.setEnd(Date.from(b.end()));
        a.setMinutesDuration(b.minutes());
        a.setComment(b.comment());

        if (b.patient() != null) {
            participant(a, "Patient", b.patient().system(), b.patient().value(), null);
            if (b.patientPhone() != null) {
                // for notifications inside the hub only; PlatformAppointment removes it
                a.getParticipant().get(a.getParticipant().size() - 1).addExtension(Fhir.EXT_NOTIFICATION_PHONE,
                        new org.hl7.fhir.r4.model.ContactPoint().setSystem(org.hl7.fhir.r4.model.ContactPoint.ContactPointSystem.PHONE)
                                .setValue(b.patientPhone()));
            }
        }
        for (SiuBooking.Resource r : b.staff()) {
            participant(a, "Practitioner", Fhir.HSA_ID, r.id(), r.display());
        }
        for (SiuBooking.Resource r : b.locations()) {
            participant(a, "Location", Fhir.HSA_ID, r.id(), r.display());
        }
        // a general resource (e.g. a video room) has no national identifier system: code only
        for (SiuBooking.Resource r : b.generalResources()) {
            participant(a, "Device", null, r.id(), r.display());
        }
        return a;
    }

    private static void participant(Appointment a, String type, String system, String value, String display) {
        AppointmentParticipantComponent p = a.addParticipant()
                .setRequired(ParticipantRequired.REQUIRED)
                .setStatus(ParticipationStatus.ACCEPTED);
        Reference actor = new Reference().setType(type).setDisplay(display);
        actor.getIdentifier().setSystem(system).setValue(value);
        p.setActor(actor);
    }

    private static Coding securityLabel(Protection p) {
        return switch (p) {
            case SEKRETESSMARKERING -> new Coding(Fhir.SECURITY_LABEL, Fhir.SEKRETESSMARKERING, null);
            case SKYDDAD_FOLKBOKFORING -> new Coding(Fhir.SECURITY_LABEL, Fhir.SKYDDAD_FOLKBOKFORING, null);
            case SPARRAD_JOURNAL -> new Coding(Fhir.JOURNAL_RESTRICTION, Fhir.SPARRAD_JOURNAL, null);
        };
    }
}
