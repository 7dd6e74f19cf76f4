package se.vardnav.http;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code vardnav.http.json-max-depth}: how deeply the admin and console APIs' JSON bodies may nest (they are flat);
 * deeper gets 400 as the parser meets it. {@code /fhir} is bounded by HAPI's parser (Jackson's default, 1000).
 */
@Validated
@ConfigurationProperties("vardnav.http")
public record JsonLimits(@DefaultValue("64") @Min(2) @Max(1000) int jsonMaxDepth) {}
