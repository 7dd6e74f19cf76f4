package se.vardnav.connector.register;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.URL;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * {@code vardnav.register.*}: the population register's GetPersonsForProfile endpoint
 * (connectors/population-register/README.md).
 *
 * @param cacheTtl how long an answer is reused (0: ask every time)
 */
@Validated
@ConfigurationProperties("vardnav.register")
public record RegisterProperties(@NotBlank @URL String url, @NotNull Duration connectTimeout, @NotNull Duration receiveTimeout,
                                 @NotNull Duration cacheTtl) {
}
