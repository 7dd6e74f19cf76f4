package se.vardnav.journal.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.annotation.ConditionalUrlParam;
import ca.uhn.fhir.rest.annotation.Create;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.ResourceParam;
import ca.uhn.fhir.rest.annotation.Update;
import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import org.apache.camel.ProducerTemplate;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.OperationOutcome;
import se.vardnav.booking.AppointmentPatient;
import se.vardnav.booking.BookingEnvelope;
import se.vardnav.booking.BookingKey;
import se.vardnav.booking.BookingVersions;
import se.vardnav.booking.ClosedCaseRule;
import se.vardnav.booking.InvalidBookingException;

import java.util.List;

/**
 * The journal system's FHIR way in: POST or PUT of an Appointment. The answer (201/200) is given
 * only after the event is on the broker; invalid content (a patient that cannot be determined, an event
 * time ahead of the hub's clock) gets 422 with an OperationOutcome. The patient participant is written
 * the way the SIU intake writes it, so the same privacy policy applies; the event is numbered
 * ({@link BookingVersions}) like one from SIU: the same content sent again is a duplicate. A booking of a case the
 * patient closed is refused with 422 ({@link ClosedCaseRule}).
 */
public class AppointmentIntakeProvider implements IResourceProvider, se.vardnav.fhir.HubFhirProvider {
    private final FhirContext fhir;
    private final ProducerTemplate producer;
    private final String intakeEndpoint;
    private final IncomingAppointmentRules rules;
    private final BookingVersions versions;
    private final ClosedCaseRule closedCases;

    public AppointmentIntakeProvider(FhirContext fhir, ProducerTemplate producer, String intakeEndpoint,
                                     IncomingAppointmentRules rules, BookingVersions versions, ClosedCaseRule closedCases) {
        this.fhir = fhir;
        this.producer = producer;
        this.intakeEndpoint = intakeEndpoint;
        this.rules = rules;
        this.versions = versions;
        this.closedCases = closedCases;
    }

    @Override
    public Class<? extends IBaseResource> getResourceType() {
        return Appointment.class;
    }

    @Create
    public MethodOutcome create(@ResourceParam Appointment appointment) {
        BookingKey key = accept(appointment);
        return new MethodOutcome(new IdType("Appointment", key.bookingId()), true);
    }

    @Update
    public MethodOutcome update(@IdParam(optional = true) IdType id, @ResourceParam Appointment appointment,
                                @ConditionalUrlParam String conditional) {
        BookingKey key = accept(appointment);
        return new MethodOutcome(new IdType("Appointment", key.bookingId()), false);
    }

    private BookingKey accept(Appointment appointment) {
        List<String> problems = rules.problems(appointment);
        if (!problems.isEmpty()) {
            throw unprocessable(problems);
        }
        AppointmentPatient.normalise(appointment);
        // refused before it is numbered or queued: nothing of it is kept
        closedCases.refusal(appointment, "FHIR").ifPresent(reason -> {
            throw unprocessable(List.of(reason));
        });
        try {
            // no event time from the sender (no meta.lastUpdated): its arrival times it
            versions.assign(appointment, null, "Appointment.meta.lastUpdated");
        } catch (InvalidBookingException e) {
            throw unprocessable(List.of(e.reason()));
        }
        producer.sendBodyAndHeaders(intakeEndpoint, BookingEnvelope.body(fhir, appointment), BookingEnvelope.headers(appointment));
        return BookingKey.of(appointment);
    }

    private UnprocessableEntityException unprocessable(List<String> problems) {
        OperationOutcome oo = new OperationOutcome();
        problems.forEach(p -> oo.addIssue().setSeverity(OperationOutcome.IssueSeverity.ERROR)
                .setCode(OperationOutcome.IssueType.INVALID).setDiagnostics(p));
        return new UnprocessableEntityException(fhir, oo);
    }
}
