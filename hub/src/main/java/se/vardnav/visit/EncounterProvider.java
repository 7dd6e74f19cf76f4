package se.vardnav.visit;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.annotation.ConditionalUrlParam;
import ca.uhn.fhir.rest.annotation.Create;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.ResourceParam;
import ca.uhn.fhir.rest.annotation.Update;
import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.OperationOutcome;
import se.vardnav.fhir.HubFhirProvider;

import java.util.List;

/**
 * The visit platform's push: {@code POST /fhir/Encounter}, or {@code PUT /fhir/Encounter?identifier=<system>|<id>}
 * (conditional on the platform's visit id). 201/200 once the event is on the broker; invalid content 422 with an
 * OperationOutcome naming every problem.
 */
public class EncounterProvider implements IResourceProvider, HubFhirProvider {
    private final FhirContext fhir;
    private final VisitIntake intake;

    public EncounterProvider(FhirContext fhir, VisitIntake intake) {
        this.fhir = fhir;
        this.intake = intake;
    }

    @Override
    public Class<? extends IBaseResource> getResourceType() {
        return Encounter.class;
    }

    @Create
    public MethodOutcome create(@ResourceParam Encounter encounter) {
        VisitIntake.Accepted accepted = accept(encounter, null);
        return new MethodOutcome(new IdType("Encounter", accepted.visitId(), Long.toString(accepted.version())), true);
    }

    @Update
    public MethodOutcome update(@IdParam(optional = true) IdType id, @ResourceParam Encounter encounter,
                                @ConditionalUrlParam String conditional) {
        VisitIntake.Accepted accepted = accept(encounter, conditional);
        return new MethodOutcome(new IdType("Encounter", accepted.visitId(), Long.toString(accepted.version())), false);
    }

    private VisitIntake.Accepted accept(Encounter encounter, String conditionalUrl) {
        String conditional = conditionalUrl;
        if (conditional != null) {
            conditional = java.net.URLDecoder.decode(conditional, java.nio.charset.StandardCharsets.UTF_8);
            String named = conditional.contains("|") ? conditional.substring(conditional.lastIndexOf('|') + 1) : null;
            boolean same = named != null && encounter.getIdentifier().stream()
                    .anyMatch(i -> se.vardnav.fhir.Fhir.PLATFORM_ENCOUNTER_ID.equals(i.getSystem()) && named.equals(i.getValue()));
            if (!same) {
                throw unprocessable(List.of("the conditional URL must be Encounter?identifier=" + se.vardnav.fhir.Fhir.PLATFORM_ENCOUNTER_ID
                        + "|<the visit id in Encounter.identifier>"));
            }
        }
        try {
            return intake.accept(encounter);
        } catch (VisitIntake.Refused refused) {
            throw unprocessable(refused.problems());
        }
    }

    private UnprocessableEntityException unprocessable(List<String> problems) {
        OperationOutcome oo = new OperationOutcome();
        problems.forEach(p -> oo.addIssue().setSeverity(OperationOutcome.IssueSeverity.ERROR)
                .setCode(OperationOutcome.IssueType.INVALID).setDiagnostics(p));
        return new UnprocessableEntityException(fhir, oo);
    }
}
