package se.vardnav.notification.app;

import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.UnclassifiedServerFailureException;
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
import se.vardnav.connector.platform.PlatformTransientException;
import se.vardnav.connector.register.RegisterUnavailableException;
import se.vardnav.fhir.HubFhirProvider;
import se.vardnav.notification.SmsRequest;

import java.util.Date;

/**
 * {@code POST /fhir/$send-app-sms} with Parameters {@code patient} (valueIdentifier: personnummer or
 * samordningsnummer), {@code app} (valueString) and optionally {@code mobile} (valueString, which must then be the
 * platform's number for the patient): answers with the Communication queued for the SMS gateway, the number masked.
 * Refusals are OperationOutcomes that name neither number nor patient: 422 for invalid input, no number on the
 * platform or a policy that forbids it; 429 (with Retry-After) past the per-patient limit; 503 when the platform or
 * the register cannot answer (nothing was sent; ask again).
 */
public class AppInvitationProvider implements HubFhirProvider {
    private static final String CATEGORY = "http://terminology.hl7.org/CodeSystem/communication-category";
    private final AppInvitations invitations;

    public AppInvitationProvider(AppInvitations invitations) {
        this.invitations = invitations;
    }

    @Operation(name = "$send-app-sms", idempotent = false)
    public Communication sendAppSms(@OperationParam(name = "patient", min = 1, max = 1) Identifier patient,
                                    @OperationParam(name = "app", min = 1, max = 1) StringType app,
                                    @OperationParam(name = "mobile", min = 0, max = 1) StringType mobile) {
        AppInvitations.Queued queued;
        try {
            queued = invitations.invite(patient == null ? null : patient.getSystem(), patient == null ? null : patient.getValue(),
                    mobile == null ? null : mobile.getValue(), app == null ? null : app.getValue());
        } catch (AppInvitations.RefusedException e) {
            throw new UnprocessableEntityException(e.getMessage(), outcome(OperationOutcome.IssueType.INVALID, e.getMessage()));
        } catch (AppSmsRateLimit.LimitedException e) {
            TooManyRequests refused = new TooManyRequests(e.getMessage(), outcome(OperationOutcome.IssueType.THROTTLED, e.getMessage()));
            // whole seconds, rounded up: a client that waits exactly this long finds a slot free
            long seconds = Math.max(1, (e.retryAfter().toMillis() + 999) / 1000);
            refused.addResponseHeader("Retry-After", String.valueOf(seconds));
            throw refused;
        } catch (RegisterUnavailableException | PlatformTransientException e) {
            String why = "the patient cannot be checked now (platform or register unavailable); nothing was sent, try again later";
            throw new UnclassifiedServerFailureException(503, why, outcome(OperationOutcome.IssueType.TRANSIENT, why));
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

    private static OperationOutcome outcome(OperationOutcome.IssueType type, String diagnostics) {
        OperationOutcome oo = new OperationOutcome();
        oo.addIssue().setSeverity(OperationOutcome.IssueSeverity.ERROR).setCode(type).setDiagnostics(diagnostics);
        return oo;
    }

    /** HTTP 429: HAPI has no exception of its own for it. */
    static final class TooManyRequests extends BaseServerResponseException {
        TooManyRequests(String message, OperationOutcome outcome) {
            super(429, message, outcome);
        }
    }
}
