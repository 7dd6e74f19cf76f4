package se.vardnav.guest;

import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.RelatedPerson;
import org.hl7.fhir.r4.model.Resource;
import se.vardnav.booking.BookingKey;
import se.vardnav.fhir.Fhir;
import se.vardnav.notification.email.EmailAddresses;
import se.vardnav.notification.sms.InvalidPhoneNumberException;
import se.vardnav.notification.sms.PhoneNumbers;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * The guests of one booking as the platform posts them: an Appointment with the journal booking id and,
 * per guest, a participant whose actor is a contained RelatedPerson (telecom phone and/or email).
 * Other participants (patient, staff, rooms) are ignored.
 */
public record GuestPost(String source, String bookingId, List<GuestContact> guests) {

    public static GuestPost of(Appointment a) {
        List<String> problems = new ArrayList<>();
        Identifier id = a.getIdentifier().stream().filter(i -> Fhir.JOURNAL_BOOKING_ID.equals(i.getSystem()) && i.hasValue())
                .findFirst().orElse(null);
        if (id == null) {
            problems.add("Appointment has no identifier with system " + Fhir.JOURNAL_BOOKING_ID);
        }
        List<GuestContact> guests = new ArrayList<>();
        for (int i = 0; i < a.getParticipant().size(); i++) {
            Appointment.AppointmentParticipantComponent p = a.getParticipant().get(i);
            RelatedPerson person = containedGuest(a, p);
            if (person != null) {
                guest(person, p, "participant[" + i + "]", problems).ifPresent(guests::add);
            }
        }
        if (guests.isEmpty() && problems.isEmpty()) {
            problems.add("no guest: a guest is a participant whose actor is a contained RelatedPerson");
        }
        if (!problems.isEmpty()) {
            throw new InvalidGuestsException(problems);
        }
        String source = id.hasAssigner() && id.getAssigner().hasDisplay() ? id.getAssigner().getDisplay() : BookingKey.DEFAULT_SOURCE;
        return new GuestPost(source, id.getValue(), List.copyOf(guests));
    }

    private static RelatedPerson containedGuest(Appointment a, Appointment.AppointmentParticipantComponent p) {
        if (p.getActor().getResource() instanceof RelatedPerson r) {
            return r;
        }
        String ref = p.getActor().getReference();
        if (ref == null || !ref.startsWith("#")) {
            return null;
        }
        for (Resource r : a.getContained()) {
            if (r instanceof RelatedPerson rp && ref.substring(1).equals(r.getIdElement().getIdPart().replace("#", ""))) {
                return rp;
            }
        }
        return null;
    }

    private static java.util.Optional<GuestContact> guest(RelatedPerson person, Appointment.AppointmentParticipantComponent p,
                                                          String where, List<String> problems) {
        String role = p.getType().stream().flatMap(t -> t.getCoding().stream()).filter(c -> GuestFhir.GUEST_ROLE.equals(c.getSystem()))
                .map(Coding::getCode).findFirst().orElse(GuestFhir.DEFAULT_ROLE);
        int before = problems.size();
        if (!GuestFhir.ROLES.contains(role)) {
            problems.add(where + ": type " + GuestFhir.GUEST_ROLE + " must be one of " + new java.util.TreeSet<>(GuestFhir.ROLES));
        }
        String phone = null, email = null;
        for (ContactPoint c : person.getTelecom()) {
            if ((c.getSystem() == ContactPoint.ContactPointSystem.PHONE || c.getSystem() == ContactPoint.ContactPointSystem.SMS)
                    && c.hasValue() && phone == null) {
                try {
                    phone = PhoneNumbers.normaliseMobile(c.getValue()).value();
                } catch (InvalidPhoneNumberException e) {
                    problems.add(where + ": mobile number " + e.reason());
                }
            } else if (c.getSystem() == ContactPoint.ContactPointSystem.EMAIL && c.hasValue() && email == null) {
                if (EmailAddresses.valid(c.getValue())) {
                    email = c.getValue().trim();
                } else {
                    problems.add(where + ": e-mail address is not valid");
                }
            }
        }
        if (phone == null && email == null && problems.size() == before) {
            problems.add(where + ": the guest has neither a mobile number nor an e-mail address");
        }
        if (problems.size() > before) {
            return java.util.Optional.empty();
        }
        Identifier platformId = person.getIdentifier().stream().filter(Identifier::hasValue).findFirst().orElse(null);
        String key = platformId != null
                ? sha256("id|" + platformId.getSystem() + "|" + platformId.getValue())
                : sha256("contact|" + (phone == null ? "" : phone) + "|" + (email == null ? "" : email.toLowerCase(Locale.ROOT)));
        String participant = person.getIdElement().getIdPart() == null ? null : person.getIdElement().getIdPart().replace("#", "");
        return java.util.Optional.of(new GuestContact(key, role, phone, email, participant,
                platformId == null ? null : platformId.getValue()));
    }

    static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return "GuestPost[" + bookingId + ", " + guests.size() + " guest(s)]";
    }
}
