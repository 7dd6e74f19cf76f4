package se.vardnav.connector.journal.fhir;

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
import se.vardnav.booking.BookingEnvelope;
import se.vardnav.booking.BookingKey;

import java.time.Clock;
import java.util.Date;
import java.util.List;

/**
 * The journal system's FHIR way in: POST or PUT of an Appointment. The answer (201/200) is given
 * only after the event is on the broker; invalid content gets 422 with an OperationOutcome.
 */
public class AppointmentIntakeProvider implements IResourceProvider, se.vardnav.fhir.HubFhirProvider {
    private final FhirContext fhir;
    private final ProducerTemplate producer;
    private final String intakeEndpoint;
    private final IncomingAppointmentRules rules;
    private final Clock clock;

    public AppointmentIntakeProvider(FhirContext fhir, ProducerTemplate producer, String intakeEndpoint,
                                     IncomingAppointmentRules rules, Clock clock) {
        this.fhir = fhir;
        this.producer = producer;
        this.intakeEndpoint = intakeEndpoint;
        this.rules = rules;
        this.clock = clock;
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
        if (!appointment.getMeta().hasLastUpdated()) {
            // no event time from the sender: arrival orders the versions
            appointment.getMeta().setLastUpdated(Date.from(clock.instant()));
        }
        List<String> problems = rules.problems(appointment);
        if (!problems.isEmpty()) {
            OperationOutcome oo = new OperationOutcome();
            problems.forEach(p -> oo.addIssue().setSeverity(OperationOutcome.IssueSeverity.ERROR)
                    .setCode(OperationOutcome.IssueType.INVALID).setDiagnostics(p));
            throw new UnprocessableEntityException(fhir, oo);
        }
        producer.sendBodyAndHeaders(intakeEndpoint, BookingEnvelope.body(fhir, appointment), BookingEnvelope.headers(appointment, null));
        return BookingKey.of(appointment);
    }
}
