package se.vardnav.notification.email;

import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.CommunicationRequest;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.RelatedPerson;
import org.hl7.fhir.r4.model.StringType;
import se.vardnav.fhir.Fhir;
import se.vardnav.notification.SmsRequest;

/**
 * A planned e-mail as the hub carries it on {@code notify.email}: a FHIR CommunicationRequest with the
 * notification's business key as identifier, medium EMAILWRIT, the recipient contained with the address,
 * and two payloads marked subject and body (the extension {@link #PART}).
 */
public record EmailRequest(String businessKey, String address, String subject, String text, String bookingId, String template) implements se.vardnav.notification.Notice {
    /** v3-ParticipationMode: written e-mail. */
    public static final String PARTICIPATION_MODE = "http://terminology.hl7.org/CodeSystem/v3-ParticipationMode";
    public static final String EMAILWRIT = "EMAILWRIT";
    /** Which part of the e-mail a payload is: subject or body. */
    public static final String PART = "https://vardnav.se/fhir/StructureDefinition/email-part";

    public static EmailRequest of(CommunicationRequest request) {
        String key = request.getIdentifier().stream().filter(i -> SmsRequest.NOTIFICATION_KEY.equals(i.getSystem()))
                .map(Identifier::getValue).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("CommunicationRequest has no identifier with system " + SmsRequest.NOTIFICATION_KEY));
        String subject = part(request, "subject", key);
        String body = part(request, "body", key);
        String address = request.getContained().stream().filter(r -> r instanceof RelatedPerson).map(r -> (RelatedPerson) r)
                .flatMap(r -> r.getTelecom().stream()).filter(c -> c.getSystem() == ContactPoint.ContactPointSystem.EMAIL)
                .map(ContactPoint::getValue).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("CommunicationRequest " + key + " has no recipient with an e-mail address"));
        String booking = request.getAbout().stream().filter(r -> r.hasIdentifier() && Fhir.JOURNAL_BOOKING_ID.equals(r.getIdentifier().getSystem()))
                .map(r -> r.getIdentifier().getValue()).findFirst().orElse(null);
        String template = request.getCategory().stream().flatMap(c -> c.getCoding().stream())
                .filter(c -> SmsRequest.TEMPLATE.equals(c.getSystem())).map(Coding::getCode).findFirst().orElse(null);
        return new EmailRequest(key, address, subject, body, booking, template);
    }

    private static String part(CommunicationRequest request, String part, String key) {
        return request.getPayload().stream()
                .filter(p -> p.hasContentStringType() && p.getExtensionByUrl(PART) != null
                        && part.equals(p.getExtensionByUrl(PART).getValue().primitiveValue()))
                .map(p -> p.getContentStringType().getValue()).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("CommunicationRequest " + key + " has no " + part + " payload"));
    }

    public CommunicationRequest toFhir() {
        CommunicationRequest cr = new CommunicationRequest();
        cr.addIdentifier(new Identifier().setSystem(SmsRequest.NOTIFICATION_KEY).setValue(businessKey));
        cr.setStatus(CommunicationRequest.CommunicationRequestStatus.ACTIVE);
        cr.addMedium(new CodeableConcept(new Coding(PARTICIPATION_MODE, EMAILWRIT, "written e-mail")));
        RelatedPerson recipient = new RelatedPerson();
        recipient.setId("recipient");
        // R4 wants the patient a RelatedPerson relates to (1..1); the booking says who, so only that is written here
        recipient.setPatient(new Reference().setType("Patient").setDisplay("the patient of the booking"));
        recipient.addTelecom().setSystem(ContactPoint.ContactPointSystem.EMAIL).setValue(address);
        cr.addContained(recipient);
        cr.addRecipient(new Reference("#recipient"));
        cr.addPayload().setContent(new StringType(subject)).addExtension(PART, new CodeType("subject"));
        cr.addPayload().setContent(new StringType(text)).addExtension(PART, new CodeType("body"));
        if (bookingId != null) {
            cr.addAbout(new Reference().setType("Appointment")
                    .setIdentifier(new Identifier().setSystem(Fhir.JOURNAL_BOOKING_ID).setValue(bookingId)));
        }
        if (template != null) {
            cr.addCategory(new CodeableConcept(new Coding(SmsRequest.TEMPLATE, template, null)));
        }
        return cr;
    }

    /** Never the address or the text. */
    @Override
    public String toString() {
        return "EmailRequest[" + businessKey + "]";
    }
}
