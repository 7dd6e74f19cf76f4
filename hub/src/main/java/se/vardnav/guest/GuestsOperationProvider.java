package se.vardnav.guest;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.UrlType;
import se.vardnav.fhir.Fhir;
import se.vardnav.fhir.HubFhirProvider;

import java.util.List;

/**
 * {@code POST /fhir/Appointment/$guests}: the visit platform tells the hub about a booking's guests.
 * The body is the Appointment (journal booking id, guests as participants with a contained RelatedPerson);
 * the answer is a Parameters with the status and, once the booking is confirmed, the general link and
 * each guest's link. Invalid input: 422 with an OperationOutcome that names no person.
 */
public class GuestsOperationProvider implements HubFhirProvider {
    private final FhirContext fhir;
    private final GuestInvitations invitations;
    private final se.vardnav.notification.NoticeQueue notices;

    public GuestsOperationProvider(FhirContext fhir, GuestInvitations invitations, se.vardnav.notification.NoticeQueue notices) {
        this.fhir = fhir;
        this.invitations = invitations;
        this.notices = notices;
    }

    @Operation(name = GuestFhir.OPERATION, type = Appointment.class, idempotent = false)
    public Parameters guests(@OperationParam(name = "appointment", min = 1, max = 1) Appointment appointment) {
        if (appointment == null) {
            throw invalid(List.of("the body must be the Appointment with its guests"));
        }
        GuestPost post;
        try {
            post = GuestPost.of(appointment);
        } catch (InvalidGuestsException e) {
            throw invalid(e.problems());
        }
        GuestInvitations.Posted posted = invitations.addGuests(post);
        notices.queue(posted.notices()); // queued before the platform hears the links
        return answer(post, posted.answer());
    }

    static Parameters answer(GuestPost post, GuestInvitations.Answer answer) {
        Parameters p = new Parameters();
        p.addParameter().setName("status").setValue(new CodeType(answer.status()));
        p.addParameter().setName("booking").setValue(new Identifier().setSystem(Fhir.JOURNAL_BOOKING_ID).setValue(post.bookingId()));
        if (answer.generalLink() != null) {
            p.addParameter().setName("generalLink").setValue(new UrlType(answer.generalLink()));
        }
        for (GuestInvitations.GuestLink link : answer.guests()) {
            Parameters.ParametersParameterComponent guest = p.addParameter().setName("guest");
            if (link.guest().participant() != null) {
                guest.addPart().setName("participant").setValue(new StringType("#" + link.guest().participant()));
            }
            if (link.guest().platformId() != null) {
                guest.addPart().setName("guestId").setValue(new StringType(link.guest().platformId()));
            }
            guest.addPart().setName("link").setValue(new UrlType(link.link()));
            if (link.guest().bySms()) {
                guest.addPart().setName("channel").setValue(new CodeType("sms"));
            }
            if (link.guest().byEmail()) {
                guest.addPart().setName("channel").setValue(new CodeType("email"));
            }
        }
        return p;
    }

    private UnprocessableEntityException invalid(List<String> problems) {
        OperationOutcome oo = new OperationOutcome();
        problems.forEach(pr -> oo.addIssue().setSeverity(OperationOutcome.IssueSeverity.ERROR)
                .setCode(OperationOutcome.IssueType.INVALID).setDiagnostics(pr));
        return new UnprocessableEntityException(fhir, oo);
    }
}
