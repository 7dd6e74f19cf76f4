package se.vardnav.fhir;

import ca.uhn.fhir.context.FhirContext;
import org.hl7.fhir.instance.model.api.IBaseResource;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The hub's FHIR conformance resources (connectors/visit-platform/conformance/): a StructureDefinition for every
 * extension it writes or reads, a CodeSystem for every local code system, a NamingSystem for every local identifier
 * system, the SearchParameter a platform installs, the hub's OperationDefinitions and CapabilityStatement. One JSON
 * file each, so a platform can load the folder as it is; the hub serves the definitions on its /fhir too.
 */
public final class ConformanceResources {
    private final List<IBaseResource> resources;

    private ConformanceResources(List<IBaseResource> resources) {
        this.resources = List.copyOf(resources);
    }

    /** Every {@code *.json} in the folder, parsed; none when the folder is not there. */
    public static ConformanceResources load(FhirContext fhir, Path dir) {
        if (!Files.isDirectory(dir)) {
            return new ConformanceResources(List.of());
        }
        List<IBaseResource> found = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList()) {
                try (Reader in = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
                    found.add(fhir.newJsonParser().parseResource(in));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the conformance resources in " + dir, e);
        }
        return new ConformanceResources(found);
    }

    /** Every {@code *.json} in the folder at {@code location} ({@code classpath:conformance}, {@code file:…} or a path). */
    public static ConformanceResources load(FhirContext fhir, String location) {
        List<IBaseResource> found = new ArrayList<>();
        for (org.springframework.core.io.Resource r : se.vardnav.config.Locations.files(location, "*.json")) {
            try (Reader in = new java.io.InputStreamReader(r.getInputStream(), StandardCharsets.UTF_8)) {
                found.add(fhir.newJsonParser().parseResource(in));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the conformance resource " + r.getDescription(), e);
            }
        }
        return new ConformanceResources(found);
    }

    public List<IBaseResource> all() {
        return resources;
    }

    public <T extends IBaseResource> List<T> ofType(Class<T> type) {
        return resources.stream().filter(type::isInstance).map(type::cast).toList();
    }
}
