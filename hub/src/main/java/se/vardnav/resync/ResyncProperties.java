package se.vardnav.resync;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.URL;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * {@code vardnav.resync.*}: "Uppdatera nu" over RIV-TA GetSubjectOfCareSchedule (connectors/journal-scheduling/README.md).
 *
 * @param defaultUnit the unit asked (and logical address) when a request names none
 * @param source      the journal system's booking source (its MSH-3 in SIU), so resynced events compare with streamed ones
 */
@Validated
@ConfigurationProperties("vardnav.resync")
public record ResyncProperties(@NotBlank @URL String scheduleUrl, @NotNull Duration connectTimeout, @NotNull Duration receiveTimeout,
                               @NotBlank String defaultUnit, @NotBlank String source) {}
