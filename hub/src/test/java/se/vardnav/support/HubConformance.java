package se.vardnav.support;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.PrePopulatedValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.UnknownCodeSystemWarningValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.NamingSystem;
import ca.uhn.fhir.context.support.ValidationSupportContext;
import ca.uhn.fhir.util.FhirTerser;
import se.vardnav.fhir.ConformanceResources;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * HAPI's instance validator with FHIR R4 and the hub's own conformance resources
 * (connectors/visit-platform/conformance/) and nothing else: an extension or a code system defined nowhere is an
 * error, as it would be on a platform that loaded that folder. Slow (tens of resources a second): tests only.
 */
public final class HubConformance {
    public static final Path FOLDER = Path.of("connectors/visit-platform/conformance");
    private static final String HUB_NAMING_SYSTEMS = "https://vardnav.se/fhir/NamingSystem/";
    private static FhirValidator validator;
    private static ValidationSupportChain chain;
    private static Set<String> namingSystems;

    private HubConformance() {}

    public static synchronized FhirValidator validator() {
        if (validator == null) {
            FhirContext ctx = FhirContext.forR4Cached();
            PrePopulatedValidationSupport hub = new PrePopulatedValidationSupport(ctx);
            ConformanceResources.load(ctx, FOLDER).all().forEach(hub::addResource);
            UnknownCodeSystemWarningValidationSupport unknownCodeSystems = new UnknownCodeSystemWarningValidationSupport(ctx);
            unknownCodeSystems.setNonExistentCodeSystemSeverity(IValidationSupport.IssueSeverity.ERROR);
            namingSystems = ConformanceResources.load(ctx, FOLDER).ofType(NamingSystem.class).stream()
                    .flatMap(n -> n.getUniqueId().stream()).map(NamingSystem.NamingSystemUniqueIdComponent::getValue).collect(Collectors.toSet());
            chain = new ValidationSupportChain(new DefaultProfileValidationSupport(ctx), hub,
                    new SnapshotGeneratingValidationSupport(ctx), new InMemoryTerminologyServerValidationSupport(ctx),
                    new CommonCodeSystemsTerminologyService(ctx), unknownCodeSystems);
            FhirInstanceValidator instance = new FhirInstanceValidator(chain);
            instance.setAnyExtensionsAllowed(false);
            FhirValidator v = ctx.newValidator();
            v.registerValidatorModule(instance);
            validator = v;
        }
        return validator;
    }

    /**
     * The errors (and fatal ones) of validating the resource, and of the hub's own terminology check: the validator
     * checks codes only where an element has a binding, so every Coding is checked here too (its code system known
     * to FHIR R4 or in the folder, and the code in it when the code system lists its codes), and every identifier
     * system of the hub's must be one of its NamingSystems.
     */
    public static List<SingleValidationMessage> errors(IBaseResource resource) {
        List<SingleValidationMessage> errors = new ArrayList<>(validator().validateWithResult(resource).getMessages().stream()
                .filter(m -> m.getSeverity() == ResultSeverityEnum.ERROR || m.getSeverity() == ResultSeverityEnum.FATAL).toList());
        FhirTerser terser = FhirContext.forR4Cached().newTerser();
        ValidationSupportContext context = new ValidationSupportContext(chain);
        for (Coding c : terser.getAllPopulatedChildElementsOfType(resource, Coding.class)) {
            if (!c.hasSystem()) {
                continue;
            }
            IBaseResource cs = chain.fetchCodeSystem(c.getSystem());
            if (cs == null && !chain.isCodeSystemSupported(context, c.getSystem())) {
                errors.add(error("code system " + c.getSystem() + " is defined nowhere (code " + c.getCode() + ")"));
            } else if (cs instanceof CodeSystem known && known.getContent() == CodeSystem.CodeSystemContentMode.COMPLETE
                    && !defines(known.getConcept(), c.getCode())) {
                errors.add(error("code " + c.getCode() + " is not in code system " + c.getSystem()));
            }
        }
        for (Identifier i : terser.getAllPopulatedChildElementsOfType(resource, Identifier.class)) {
            if (i.hasSystem() && i.getSystem().startsWith(HUB_NAMING_SYSTEMS) && !namingSystems.contains(i.getSystem())) {
                errors.add(error("identifier system " + i.getSystem() + " has no NamingSystem"));
            }
        }
        return errors;
    }

    /** Whether the code is among the concepts, at any depth (a hierarchical code system nests them). */
    private static boolean defines(List<CodeSystem.ConceptDefinitionComponent> concepts, String code) {
        return concepts.stream().anyMatch(k -> code.equals(k.getCode()) || defines(k.getConcept(), code));
    }

    private static SingleValidationMessage error(String message) {
        SingleValidationMessage m = new SingleValidationMessage();
        m.setSeverity(ResultSeverityEnum.ERROR);
        m.setMessage(message);
        return m;
    }

    /** Every message, for a test to look at warnings too. */
    public static List<SingleValidationMessage> messages(IBaseResource resource) {
        return validator().validateWithResult(resource).getMessages();
    }
}
