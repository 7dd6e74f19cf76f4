package se.vardnav.notification.app;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;
import java.util.Map;

/**
 * "Skicka SMS om appen" ({@code vardnav.notification.apps}, {@code .app-sms}).
 *
 * @param apps   the region's apps by id: the name and download link the SMS shows
 * @param appSms at most {@code max-per-patient} such SMS per patient within {@code per}
 */
@Validated
@ConfigurationProperties("vardnav.notification")
public record AppSmsProperties(Map<String, AppInvitations.App> apps, @Valid @NotNull AppSms appSms) {

    public AppSmsProperties {
        apps = apps == null ? Map.of() : Map.copyOf(apps);
    }

    public record AppSms(@Min(1) int maxPerPatient, @NotNull Duration per) {
    }
}
