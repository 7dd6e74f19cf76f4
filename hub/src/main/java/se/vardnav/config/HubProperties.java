package se.vardnav.config;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code vardnav.data-dir} and {@code vardnav.routes-dir}: where the hub keeps its state, and where its routes are.
 *
 * @param dataDir   the broker journal, the H2 file, the letters' PDFs and the file drop live under it
 * @param routesDir the folder of {@code *.yaml} routes: {@code classpath:routes} (the jar's) or {@code file:/a/folder}
 */
@Validated
@ConfigurationProperties("vardnav")
public record HubProperties(
        @NotBlank String dataDir,
        // Camel reads the folder itself, where a plain path would mean the classpath: so a scheme is required
        @NotBlank @Pattern(regexp = "(classpath|file):.+", message = "must be classpath:<folder> or file:<folder>") String routesDir) {
}
