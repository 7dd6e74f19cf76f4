package se.vardnav.notification;

import org.hl7.fhir.r4.model.CommunicationRequest;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.RelatedPerson;
import org.hl7.fhir.r4.model.Resource;

import java.util.Optional;

/**
 * A planned SMS as the hub carries it on {@code notify.sms}: a FHIR CommunicationRequest with the
 * notification's business key as identifier, the text as payload, and the recipient (patient or
 * guardian) contained with the mobile number in telecom.
 */
public record SmsRequest(String businessKey, String phone, String text, String bookingId, String template) implements Notice {

    public SmsRequest(String businessKey, String phone, String text) {
        this(businessKey, phone, text, null, null);
    }

    public static final String NOTIFICATION_KEY = se.vardnav.fhir.Fhir.NOTIFICATION_KEY;
    public static final String MEDIUM = "https://vardnav.se/fhir/CodeSystem/communication-medium";
    public static final String SMS = "SMS";
    /** Which of the region's templates a notice used. */
    public static final String TEMPLATE = "https://vardnav.se/fhir/CodeSystem/notification-template";

    public static SmsRequest of(CommunicationRequest request) {
        String key = request.getIdentifier().stream().filter(i -> NOTIFICATION_KEY.equals(i.getSystem()))
                .map(Identifier::getValue).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("CommunicationRequest has no identifier with system " + NOTIFICATION_KEY));
        String text = request.getPayload().stream().filter(p -> p.hasContentStringType())
                .map(p -> p.getContentStringType().getValue()).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("CommunicationRequest " + key + " has no text payload"));
        String phone = request.getContained().stream().map(SmsRequest::mobileOf).flatMap(Optional::stream).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("CommunicationRequest " + key + " has no recipient with a phone number"));
        String booking = request.getAbout().stream().filter(r -> r.hasIdentifier()
                        && se.vardnav.fhir.Fhir.JOURNAL_BOOKING_ID.equals(r.getIdentifier().getSystem()))
                .map(r -> r.getIdentifier().getValue()).findFirst().orElse(null);
        String template = request.getCategory().stream().flatMap(c -> c.getCoding().stream())
                .filter(c -> TEMPLATE.equals(c.getSystem())).map(org.hl7.fhir.r4.model.Coding::getCode).findFirst().orElse(null);
        return new SmsRequest(key, phone, text, booking, template);
    }

    private static Optional<String> mobileOf(Resource contained) {
        var telecom = contained instanceof Patient p ? p.getTelecom()
                : contained instanceof RelatedPerson r ? r.getTelecom() : java.util.List.<ContactPoint>of();
        return telecom.stream().filter(c -> c.getSystem() == ContactPoint.ContactPointSystem.PHONE || c.getSystem() == ContactPoint.ContactPointSystem.SMS)
                .map(ContactPoint::getValue).findFirst();
    }

    /** As FHIR: the recipient contained with the number, the text as payload, medium SMS. */
    public CommunicationRequest toFhir() {
        CommunicationRequest cr = new CommunicationRequest();
        cr.addIdentifier(new Identifier().setSystem(NOTIFICATION_KEY).setValue(businessKey));
        cr.setStatus(CommunicationRequest.CommunicationRequestStatus.ACTIVE);
        cr.addMedium(new org.hl7.fhir.r4.model.CodeableConcept(new org.hl7.fhir.r4.model.Coding(MEDIUM, SMS, "SMS")));
        Patient recipient = new Patient();
        recipient.setId("recipient");
        recipient.addTelecom().setSystem(ContactPoint.ContactPointSystem.PHONE).setUse(ContactPoint.ContactPointUse.MOBILE).setValue(phone);
        cr.addContained(recipient);
        cr.addRecipient(new org.hl7.fhir.r4.model.Reference("#recipient"));
        cr.addPayload().setContent(new org.hl7.fhir.r4.model.StringType(text));
        if (bookingId != null) {
            cr.addAbout(new org.hl7.fhir.r4.model.Reference().setType("Appointment")
                    .setIdentifier(new Identifier().setSystem(se.vardnav.fhir.Fhir.JOURNAL_BOOKING_ID).setValue(bookingId)));
        }
        if (template != null) {
            cr.addCategory(new org.hl7.fhir.r4.model.CodeableConcept(new org.hl7.fhir.r4.model.Coding(TEMPLATE, template, null)));
        }
        return cr;
    }

    /** Never the number or the text. */
    @Override
    public String toString() {
        return "SmsRequest[" + businessKey + "]";
    }
}
