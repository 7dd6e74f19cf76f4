package se.vardnav.notification.email;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code vardnav.email.*}: the region's SMTP server (camel-mail).
 *
 * @param smtpUri           the camel-mail endpoint, built from host, port, from and connection-timeout by default
 * @param connectionTimeout milliseconds
 * @param consumers         concurrent consumers of notify.email (routes/email-delivery.yaml)
 */
@Validated
@ConfigurationProperties("vardnav.email")
public record EmailProperties(@NotBlank String host, @Min(1) @Max(65535) int port, @NotBlank String from,
                              @Min(0) int connectionTimeout, @NotBlank String smtpUri, @Min(1) int consumers) {
}
