package se.vardnav.letter.intake;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.annotation.Create;
import ca.uhn.fhir.rest.annotation.ResourceParam;
import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.CommunicationRequest;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.OperationOutcome;
import se.vardnav.fhir.HubFhirProvider;
import se.vardnav.document.LetterDocuments;
import se.vardnav.letter.Letters;

import java.util.Map;

/**
 * The journal system's letters: {@code POST /fhir/CommunicationRequest}. 201 with the hub's letter id
 * once the letter is durable; 200 for a letter the source sent before; 422 with an OperationOutcome
 * (no personal data) for an invalid one.
 */
public class LetterRequestProvider implements IResourceProvider, HubFhirProvider {
    private final FhirContext fhir;
    private final LetterIntake intake;

    public LetterRequestProvider(FhirContext fhir, LetterIntake intake) {
        this.fhir = fhir;
        this.intake = intake;
    }

    @Override
    public Class<? extends IBaseResource> getResourceType() {
        return CommunicationRequest.class;
    }

    @Create
    public MethodOutcome create(@ResourceParam CommunicationRequest request, RequestDetails details) {
        LetterRequestMapper.Result read = LetterRequestMapper.read(request, staged(details));
        if (!read.problems().isEmpty()) {
            OperationOutcome oo = new OperationOutcome();
            read.problems().forEach(p -> oo.addIssue().setSeverity(OperationOutcome.IssueSeverity.ERROR)
                    .setCode(OperationOutcome.IssueType.INVALID).setDiagnostics(p));
            throw new UnprocessableEntityException(fhir, oo);
        }
        Letters.Saved saved = intake.accept(read.letter());
        return new MethodOutcome(new IdType("CommunicationRequest", saved.id()), saved.created());
    }

    /** The PDFs {@link StreamedLetterBody} took out of a JSON body (none for XML). */
    @SuppressWarnings("unchecked")
    private static Map<Integer, LetterDocuments.Staged> staged(RequestDetails details) {
        if (details instanceof ServletRequestDetails servlet
                && servlet.getServletRequest().getAttribute(StreamedLetterBody.STAGED) instanceof Map<?, ?> staged) {
            return (Map<Integer, LetterDocuments.Staged>) staged;
        }
        return Map.of();
    }
}
