package se.vardnav.sim.platform;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.fhirpath.IFhirPath;
import ca.uhn.fhir.rest.annotation.Create;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.ResourceParam;
import ca.uhn.fhir.rest.annotation.Update;
import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import org.hl7.fhir.r4.model.Base;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.PrimitiveType;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.SearchParameter;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Custom search parameters, installed as a standard server takes them ({@code POST}/{@code PUT SearchParameter}):
 * an active R4 SearchParameter of type token with a FHIRPath {@code expression}, found afterwards by its {@code code}
 * on the resource types in {@code base}. Evaluated with HAPI's FHIRPath engine, as HAPI JPA indexes them.
 */
final class SearchParameters implements IResourceProvider {
    private final Map<String, SearchParameter> byBaseAndCode = new ConcurrentHashMap<>();
    private final IFhirPath fhirPath = FhirContext.forR4Cached().newFhirPath();

    @Override
    public Class<SearchParameter> getResourceType() {
        return SearchParameter.class;
    }

    @Create
    public MethodOutcome create(@ResourceParam SearchParameter sp) {
        return install(sp);
    }

    @Update
    public MethodOutcome update(@IdParam IdType id, @ResourceParam SearchParameter sp) {
        return install(sp);
    }

    private MethodOutcome install(SearchParameter sp) {
        if (sp.getStatus() != Enumerations.PublicationStatus.ACTIVE) {
            throw new UnprocessableEntityException("SearchParameter must be active to be used");
        }
        if (!sp.hasCode() || !sp.hasBase() || !sp.hasExpression()) {
            throw new UnprocessableEntityException("SearchParameter needs code, base and expression");
        }
        if (sp.getType() != Enumerations.SearchParamType.TOKEN) {
            throw new UnprocessableEntityException("this platform supports custom token search parameters only");
        }
        try {
            fhirPath.parse(sp.getExpression());
        } catch (Exception e) {
            throw new UnprocessableEntityException("SearchParameter expression is not valid FHIRPath: " + e.getMessage());
        }
        String id = sp.hasIdElement() && sp.getIdElement().hasIdPart() ? sp.getIdElement().getIdPart() : sp.getCode();
        sp.getBase().forEach(base -> byBaseAndCode.put(base.getValue() + "|" + sp.getCode(), sp.copy()));
        return new MethodOutcome(new IdType("SearchParameter", id), true);
    }

    Optional<SearchParameter> find(String resourceType, String code) {
        return Optional.ofNullable(byBaseAndCode.get(resourceType + "|" + code));
    }

    /** Whether the resource has a value of the token parameter {@code sp} that matches {@code token} (system|code). */
    boolean matches(SearchParameter sp, Resource resource, TokenParam token) {
        for (Base value : fhirPath.evaluate(resource, sp.getExpression(), Base.class)) {
            if (value instanceof Identifier i && same(token, i.getSystem(), i.getValue())) {
                return true;
            }
            if (value instanceof Coding c && same(token, c.getSystem(), c.getCode())) {
                return true;
            }
            if (value instanceof CodeableConcept cc && cc.getCoding().stream().anyMatch(c -> same(token, c.getSystem(), c.getCode()))) {
                return true;
            }
            if (value instanceof PrimitiveType<?> p && token.getSystem() == null && Objects.equals(p.getValueAsString(), token.getValue())) {
                return true;
            }
        }
        return false;
    }

    private static boolean same(TokenParam token, String system, String value) {
        boolean systemMatches = token.getSystem() == null || token.getSystem().isEmpty() || token.getSystem().equals(system);
        return systemMatches && Objects.equals(token.getValue(), value);
    }

    void reset() {
        byBaseAndCode.clear();
    }
}
