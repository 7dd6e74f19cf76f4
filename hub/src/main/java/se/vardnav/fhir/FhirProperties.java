package se.vardnav.fhir;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code vardnav.fhir.*}.
 *
 * @param conformanceDir the hub's conformance resources, served on /fhir: {@code classpath:conformance} (the jar's copy of
 *                       connectors/visit-platform/conformance/) or a folder of the region's
 */
@Validated
@ConfigurationProperties("vardnav.fhir")
public record FhirProperties(@NotBlank String conformanceDir) {
}
