package se.vardnav.booking;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code vardnav.mapping.*}: the region's code tables. The ConceptMaps are in the jar
 * ({@code classpath:fhir-mapping/...}, from the repository's fhir-mapping/) unless pointed at a file ({@code file:...}).
 *
 * @param groupMaxParticipants bookings at most in one group video room
 */
@Validated
@ConfigurationProperties("vardnav.mapping")
public record MappingProperties(@NotBlank String timeTypes, @NotBlank String letterControlCodes, @Min(1) int groupMaxParticipants) {
}
