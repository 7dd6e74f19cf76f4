package se.vardnav.notification.app;

import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import se.vardnav.fhir.HubFhirProvider;
import se.vardnav.notification.SmsRequest;

import java.util.Date;

/**
 * {@code POST /fhir/$send-app-sms} with Parameters {@code mobile} and {@code app} (valueString):
 * answers with the Communication queued for the SMS gateway, the number masked; an invalid number or
 * an unknown app gives 422 with an OperationOutcome whose reason leaves the number out.
 */
public class AppInvitationProvider implements HubFhirProvider {
    private static final String CATEGORY = "http://terminology.hl7.org/CodeSystem/communication-category";
    private final AppInvitations invitations;

    public AppInvitationProvider(AppInvitations invitations) {
        this.invitations = invitations;
    }

    @Operation(name = "$send-app-sms", idempotent = false)
    public Communication sendAppSms(@OperationParam(name = "mobile", min = 1, max = 1) StringType mobile,
                                    @OperationParam(name = "app", min = 1, max = 1) StringType app) {
        AppInvitations.Queued queued;
        try {
            queued = invitations.invite(mobile == null ? null : mobile.getValue(), app == null ? null : app.getValue());
        } catch (AppInvitations.RefusedException e) {
            OperationOutcome oo = new OperationOutcome();
            oo.addIssue().setSeverity(OperationOutcome.IssueSeverity.ERROR).setCode(OperationOutcome.IssueType.INVALID)
                    .setDiagnostics(e.getMessage());
            throw new UnprocessableEntityException(e.getMessage(), oo);
        }
        Communication c = new Communication();
        c.setId(Integer.toHexString(queued.businessKey().hashCode()));
        c.addIdentifier(new Identifier().setSystem(SmsRequest.NOTIFICATION_KEY).setValue(queued.businessKey()));
        c.setStatus(Communication.CommunicationStatus.INPROGRESS); // queued; the gateway's report completes it
        c.addCategory(new CodeableConcept(new Coding(CATEGORY, "notification", "Notification")));
        c.addCategory(new CodeableConcept(new Coding(SmsRequest.TEMPLATE, AppInvitations.TEMPLATE, null)));
        c.addMedium(new CodeableConcept(new Coding(SmsRequest.MEDIUM, SmsRequest.SMS, "SMS")));
        Patient recipient = new Patient();
        recipient.setId("recipient");
        recipient.addTelecom().setSystem(ContactPoint.ContactPointSystem.SMS).setValue(queued.maskedNumber());
        c.addContained(recipient);
        c.addRecipient(new Reference("#recipient"));
        c.addPayload().setContent(new StringType(queued.app()));
        c.setSent(new Date());
        return c;
    }
}
