package se.vardnav.config;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code vardnav.retry.*}, read by routes/errors.yaml: transient failures of a peer wait with exponential backoff.
 *
 * @param initialDelay     milliseconds before the first retry
 * @param maxDelay         milliseconds between retries at most
 * @param maxRedeliveries  retries at most; -1 = until the peer answers
 */
@Validated
@ConfigurationProperties("vardnav.retry")
public record RetryProperties(@Min(1) long initialDelay, @Min(1) long maxDelay, @Min(-1) int maxRedeliveries) {
}
