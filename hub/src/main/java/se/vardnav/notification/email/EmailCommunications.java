package se.vardnav.notification.email;

import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;
import se.vardnav.fhir.Fhir;
import se.vardnav.notification.BookingCommunications;
import se.vardnav.notification.SmsRequest;

import java.util.Date;
import java.util.List;

/**
 * Each e-mail the SMTP server accepted as a FHIR Communication, medium EMAILWRIT: no address, no text.
 * E-mail has no delivery report, so accepted by the server is as far as the hub can see: completed.
 */
public class EmailCommunications implements BookingCommunications {
    private static final String CATEGORY = "http://terminology.hl7.org/CodeSystem/communication-category";
    private final EmailSends sends;

    public EmailCommunications(EmailSends sends) {
        this.sends = sends;
    }

    @Override
    public List<Communication> forBooking(String bookingId) {
        return sends.forBooking(bookingId).stream().map(EmailCommunications::toCommunication).toList();
    }

    static Communication toCommunication(EmailSends.Sent s) {
        Communication c = new Communication();
        c.setId("email-" + Integer.toHexString(s.businessKey().hashCode()));
        c.addIdentifier(new Identifier().setSystem(SmsRequest.NOTIFICATION_KEY).setValue(s.businessKey()));
        c.setStatus(Communication.CommunicationStatus.COMPLETED);
        c.addCategory(new CodeableConcept(new Coding(CATEGORY, "notification", "Notification")));
        if (s.template() != null) {
            c.addCategory(new CodeableConcept(new Coding(SmsRequest.TEMPLATE, s.template(), null)));
        }
        c.addMedium(new CodeableConcept(new Coding(EmailRequest.PARTICIPATION_MODE, EmailRequest.EMAILWRIT, "written e-mail")));
        c.addAbout(new Reference().setType("Appointment")
                .setIdentifier(new Identifier().setSystem(Fhir.JOURNAL_BOOKING_ID).setValue(s.bookingId())));
        c.setSent(Date.from(s.sentAt()));
        return c;
    }
}
