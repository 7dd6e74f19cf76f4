package se.vardnav.audit;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The PDL audit log's settings.
 *
 * @param patientKey the secret keying the protected patient form ({@link PatientKeys}); outside the demo a real
 *                   secret of at least 16 characters, checked at start. Changing it splits the log: rows written
 *                   under the old key are found only with the old key.
 * @param maxRows    the most rows one listing returns (JSON and CSV)
 */
@Validated
@ConfigurationProperties("vardnav.audit")
public record AuditProperties(@NotBlank String patientKey, @Min(1) Integer maxRows) {
    public AuditProperties {
        maxRows = maxRows == null ? 10_000 : maxRows;
    }
}
