package se.vardnav.booking;

import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import se.vardnav.fhir.Fhir;

import java.util.Optional;

/**
 * Turns the hub's canonical booking event into what the visit platform receives: the region's
 * appointment type and video service added ({@link #prepare}, on the policy route); the hub's internal
 * markers removed as it leaves ({@link #outbound}, in delivery; the notices after delivery still read them).
 */
public final class PlatformAppointment {
    private PlatformAppointment() {}

    /**
     * @param roomKey the shared room of a group video meeting, or null for a room of its own
     */
    public static Appointment prepare(Appointment event, TimeTypeRule rule, String roomKey) {
        Appointment out = event.copy();
        out.getMeta().getSecurity().clear();
        if (rule.appointmentType() != null) {
            out.getAppointmentType().addCoding(rule.appointmentType().copy());
        }
        if (rule.video()) {
            Extension vs = out.addExtension().setUrl(Fhir.EXT_VIRTUAL_SERVICE);
            vs.addExtension("channelType", new Coding(Fhir.VIRTUAL_SERVICE_TYPE, "video", "Video"));
            if (roomKey != null) {
                // every booking of a group shares the session key, so the platform opens one room
                vs.addExtension("sessionKey", new StringType(roomKey));
            }
        }
        return out;
    }

    /**
     * What goes over the wire, from what {@link #prepare} made: without the hub's version and event time
     * (the platform keeps its own), the trigger event and the patient's phone for notifications.
     */
    public static Appointment outbound(Appointment prepared) {
        Appointment out = prepared.copy();
        out.getMeta().setLastUpdated(null);
        out.getMeta().setVersionId(null);
        out.getExtension().removeIf(e -> Fhir.EXT_TRIGGER_EVENT.equals(e.getUrl()));
        out.getParticipant().forEach(p -> p.getExtension().removeIf(e -> Fhir.EXT_NOTIFICATION_PHONE.equals(e.getUrl())));
        return out;
    }

    /** True when the platform opens a video meeting for it (the time type rule said video). */
    public static boolean isVideo(Appointment prepared) {
        return prepared.hasExtension(Fhir.EXT_VIRTUAL_SERVICE);
    }

    /**
     * What the platform receives when a booking it shows must no longer be shown: the same booking
     * cancelled, with no patient (no person at all: only staff, units and devices), no case name and no
     * comment. Keeps the event's version.
     */
    public static Appointment retraction(Appointment event) {
        Appointment out = new Appointment();
        out.setMeta(new org.hl7.fhir.r4.model.Meta().setLastUpdated(event.getMeta().getLastUpdated())
                .setVersionId(event.getMeta().getVersionId()));
        event.getIdentifier().forEach(i -> out.addIdentifier(i.copy()));
        out.setStatus(Appointment.AppointmentStatus.CANCELLED);
        out.setStart(event.getStart());
        out.setEnd(event.getEnd());
        event.getParticipant().stream()
                .filter(AppointmentPatient::isResource)
                .forEach(p -> out.addParticipant(p.copy()));
        if (!out.hasParticipant()) {
            out.addParticipant().setStatus(Appointment.ParticipationStatus.DECLINED)
                    .addType(new org.hl7.fhir.r4.model.CodeableConcept(
                            new Coding("http://terminology.hl7.org/CodeSystem/v3-ParticipationType", "PART", "Participation")));
        }
        return out;
    }

    /** HSA-id of the staff resource, which together with start defines a group room. */
    public static Optional<String> resourceHsaId(Appointment a) {
        return a.getParticipant().stream()
                .map(Appointment.AppointmentParticipantComponent::getActor)
                .filter(r -> "Practitioner".equals(r.getType()) || "PractitionerRole".equals(r.getType()))
                .filter(Reference::hasIdentifier)
                .map(r -> r.getIdentifier().getValue())
                .findFirst();
    }
}
