package se.vardnav.fhir;

import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.param.UriParam;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.MetadataResource;
import org.hl7.fhir.r4.model.NamingSystem;
import org.hl7.fhir.r4.model.SearchParameter;
import org.hl7.fhir.r4.model.StructureDefinition;

import java.util.List;

/**
 * The hub's conformance resources on its own /fhir (read, and search by {@code url}), so a platform or a validator
 * can fetch a definition where the hub's resources say it is. OperationDefinitions are served by HAPI itself with
 * the CapabilityStatement at /fhir/metadata.
 */
public class ConformanceProvider implements HubFhirProvider {
    private final ConformanceResources resources;

    public ConformanceProvider(ConformanceResources resources) {
        this.resources = resources;
    }

    @Read(type = StructureDefinition.class)
    public StructureDefinition structureDefinition(@IdParam IdType id) {
        return read(StructureDefinition.class, id);
    }

    @Search(type = StructureDefinition.class)
    public List<StructureDefinition> structureDefinitions(@OptionalParam(name = StructureDefinition.SP_URL) UriParam url) {
        return search(StructureDefinition.class, url);
    }

    @Read(type = CodeSystem.class)
    public CodeSystem codeSystem(@IdParam IdType id) {
        return read(CodeSystem.class, id);
    }

    @Search(type = CodeSystem.class)
    public List<CodeSystem> codeSystems(@OptionalParam(name = CodeSystem.SP_URL) UriParam url) {
        return search(CodeSystem.class, url);
    }

    @Read(type = SearchParameter.class)
    public SearchParameter searchParameter(@IdParam IdType id) {
        return read(SearchParameter.class, id);
    }

    @Search(type = SearchParameter.class)
    public List<SearchParameter> searchParameters(@OptionalParam(name = SearchParameter.SP_URL) UriParam url) {
        return search(SearchParameter.class, url);
    }

    /** NamingSystem has no url (R4): read, or all of them. */
    @Read(type = NamingSystem.class)
    public NamingSystem namingSystem(@IdParam IdType id) {
        return resources.ofType(NamingSystem.class).stream().filter(r -> r.getIdElement().getIdPart().equals(id.getIdPart()))
                .findFirst().map(NamingSystem::copy).orElseThrow(() -> new ResourceNotFoundException(id));
    }

    @Search(type = NamingSystem.class)
    public List<NamingSystem> namingSystems() {
        return resources.ofType(NamingSystem.class).stream().map(NamingSystem::copy).toList();
    }

    private <T extends MetadataResource> T read(Class<T> type, IdType id) {
        return resources.ofType(type).stream().filter(r -> r.getIdElement().getIdPart().equals(id.getIdPart()))
                .findFirst().map(r -> type.cast(r.copy())).orElseThrow(() -> new ResourceNotFoundException(id));
    }

    private <T extends MetadataResource> List<T> search(Class<T> type, UriParam url) {
        return resources.ofType(type).stream().filter(r -> url == null || url.getValue().equals(r.getUrl()))
                .map(r -> type.cast(r.copy())).toList();
    }
}
