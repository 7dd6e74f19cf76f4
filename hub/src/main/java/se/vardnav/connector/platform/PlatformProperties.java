package se.vardnav.connector.platform;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
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
 * @param auth               how the hub signs in to the platform
 */
@Validated
@ConfigurationProperties("vardnav.platform")
public record PlatformProperties(
        @NotBlank @URL String baseUrl,
        @NotNull Duration connectTimeout,
        @NotNull Duration socketTimeout,
        @NotNull Duration timeoutPerMegabyte,
        @Min(1) int consumers,
        @Valid Auth auth) {

    public PlatformProperties {
        auth = auth == null ? new Auth(null, null, null, null, null) : auth;
    }

    /**
     * OAuth 2.0 client credentials (RFC 6749 §4.4): the hub gets an access token from the token endpoint with its
     * client id and secret ({@code client_secret_basic}) and sends it as a bearer token on every call. Without a
     * {@code tokenUri} calls carry no token; outside the demo profile the hub then refuses to start
     * ({@code security.PlaceholderSecrets}).
     *
     * @param scope         space-separated scopes to ask for; empty: the client's default
     * @param refreshBefore a cached token is renewed this long before it expires (default 60 s)
     */
    public record Auth(@URL String tokenUri, String clientId, String clientSecret, String scope, Duration refreshBefore) {
        public Auth {
            refreshBefore = refreshBefore == null ? Duration.ofSeconds(60) : refreshBefore;
        }

        public boolean enabled() {
            return tokenUri != null && !tokenUri.isBlank();
        }

        @AssertTrue(message = "client-id and client-secret are needed with a token-uri")
        public boolean isComplete() {
            return !enabled() || (clientId != null && !clientId.isBlank() && clientSecret != null && !clientSecret.isBlank());
        }

        /** Never the secret. */
        @Override
        public String toString() {
            return "Auth[" + tokenUri + ", client " + clientId + "]";
        }
    }
}
