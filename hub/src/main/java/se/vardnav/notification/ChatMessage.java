package se.vardnav.notification;

import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;
import se.vardnav.fhir.Fhir;

import java.util.Optional;

/**
 * A chat message the visit platform tells the hub about, as far as a notice needs it: who, which
 * number, what kind, how urgent, whether the sender declined the notice ("Behövs inte"). The message
 * text is never read; the recipient's identifier is kept only for the notification policy's register check.
 */
public record ChatMessage(String messageId, Kind kind, boolean urgent, String recipientKey, String phone, String bookingId,
                          String recipientSystem, String recipientId, boolean notificationDeclined) {
    public static final String MESSAGE_ID = "https://vardnav.se/fhir/NamingSystem/platform-message-id";
    public static final String KIND = "https://vardnav.se/fhir/CodeSystem/chat-message-kind";

    public enum Kind { MESSAGE, VIDEO_INVITATION }

    /** Reads a platform Communication; throws {@link IllegalArgumentException} saying what is missing. */
    public static ChatMessage of(Communication c) {
        String id = c.getIdentifier().stream().filter(i -> MESSAGE_ID.equals(i.getSystem()) && i.hasValue())
                .map(Identifier::getValue).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("identifier with system " + MESSAGE_ID + " is required"));
        Kind kind = c.getCategory().stream().flatMap(cc -> cc.getCoding().stream()).filter(k -> KIND.equals(k.getSystem()))
                .map(k -> switch (String.valueOf(k.getCode())) {
                    case "message" -> Kind.MESSAGE;
                    case "video-invitation" -> Kind.VIDEO_INVITATION;
                    default -> throw new IllegalArgumentException("category " + KIND + " must be message or video-invitation");
                }).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("category from " + KIND + " is required"));
        Patient patient = c.getContained().stream().filter(Patient.class::isInstance).map(Patient.class::cast).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("the recipient patient must be contained"));
        Identifier pid = patient.getIdentifier().stream().filter(i -> i.hasSystem() && i.hasValue()).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("the recipient patient needs an identifier"));
        String phone = patient.getTelecom().stream()
                .filter(t -> t.getSystem() == ContactPoint.ContactPointSystem.PHONE || t.getSystem() == ContactPoint.ContactPointSystem.SMS)
                .map(ContactPoint::getValue).filter(v -> v != null && !v.isBlank()).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("the recipient patient needs a phone in telecom"));
        String booking = c.getAbout().stream().filter(r -> r.hasIdentifier() && Fhir.JOURNAL_BOOKING_ID.equals(r.getIdentifier().getSystem()))
                .map(r -> r.getIdentifier().getValue()).findFirst().orElse(null);
        boolean urgent = c.getPriority() == Communication.CommunicationPriority.URGENT;
        var notNeeded = c.getExtensionByUrl(Fhir.EXT_NOTIFICATION_NOT_NEEDED);
        boolean declined = notNeeded != null && notNeeded.getValue() instanceof org.hl7.fhir.r4.model.BooleanType b && b.booleanValue();
        return new ChatMessage(id, kind, urgent, pseudonym(pid.getSystem() + "|" + pid.getValue()), phone, booking,
                pid.getSystem(), pid.getValue(), declined);
    }

    /**
     * The recipient as a key that is not the personnummer: it ends up in chat_notice, in SMS business
     * keys, in log lines and in Communication identifiers, none of which may show it.
     */
    static String pseudonym(String identity) {
        try {
            byte[] hash = java.security.MessageDigest.getInstance("SHA-256").digest(identity.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return "p-" + java.util.HexFormat.of().formatHex(hash, 0, 16);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public Optional<String> booking() {
        return Optional.ofNullable(bookingId);
    }

    /** Never the number or the patient. */
    @Override
    public String toString() {
        return "ChatMessage[" + messageId + ", " + kind + (urgent ? ", urgent" : "") + (notificationDeclined ? ", not needed" : "") + "]";
    }
}
