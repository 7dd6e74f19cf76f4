package se.vardnav.connector.platform;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.URL;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * {@code vardnav.platform.*}: the visit platform's FHIR server (connectors/visit-platform/README.md).
 *
 * @param socketTimeout      an answer may take this, plus {@code timeoutPerMegabyte} for each megabyte sent
 * @param consumers          concurrent consumers of platform.appointment (routes/platform-delivery.yaml)
 */
@Validated
@ConfigurationProperties("vardnav.platform")
public record PlatformProperties(
        @NotBlank @URL String baseUrl,
        @NotNull Duration connectTimeout,
        @NotNull Duration socketTimeout,
        @NotNull Duration timeoutPerMegabyte,
        @Min(1) int consumers) {
}
