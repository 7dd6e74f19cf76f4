package se.vardnav.connector.platform;

import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.web.client.HttpStatusCodeException;
import org.springframework.web.client.RestClient;
import se.vardnav.connector.auth.ClientCredentialsTokens;

import java.io.IOException;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The hub's access token for the visit platform, by OAuth 2.0 client credentials ({@link ClientCredentialsTokens}):
 * fetched on first use, cached, fetched again when it expires within {@code refresh-before}. A call the platform
 * answers 401 (a token revoked or expired early) renews the token and is sent once more ({@link #call}); only a
 * second 401 is a failure, and one of signing in ({@link PlatformAuthenticationException}), never of the message.
 */
public final class PlatformTokens {
    static final String REGISTRATION = "visit-platform";
    /** Token endpoint errors (RFC 6749 §5.2) that mean the hub's credentials or registration are wrong. */
    private static final Set<String> REFUSED = Set.of("invalid_client", "unauthorized_client", "invalid_grant",
            "invalid_scope", "access_denied");
    private static final PlatformTokens NONE = new PlatformTokens(null, null);

    private final ClientCredentialsTokens tokens;
    private final String tokenUri;
    private final ThreadLocal<String> callToken = new ThreadLocal<>();

    private PlatformTokens(ClientCredentialsTokens tokens, String tokenUri) {
        this.tokens = tokens;
        this.tokenUri = tokenUri;
    }

    /** Calls without a token (a platform that asks for none; tests of other things). */
    public static PlatformTokens none() {
        return NONE;
    }

    /** From the settings: client credentials when a token endpoint is set, else {@link #none()}. */
    public static PlatformTokens of(PlatformProperties.Auth auth, Duration connectTimeout, Duration readTimeout, Clock clock) {
        if (auth == null || !auth.enabled()) {
            return NONE;
        }
        RestClient tokenEndpoint = ClientCredentialsTokens.tokenEndpoint(HttpClient.newBuilder().connectTimeout(connectTimeout).build(), readTimeout);
        return new PlatformTokens(ClientCredentialsTokens.of(REGISTRATION, auth.tokenUri(), auth.clientId(), auth.clientSecret(),
                auth.scope(), auth.refreshBefore(), clock, tokenEndpoint), auth.tokenUri());
    }

    /** The HAPI client interceptor that puts {@link #current()} on each request of another FHIR client of the platform. */
    public static ca.uhn.fhir.rest.client.api.IClientInterceptor bearer(PlatformTokens tokens) {
        return new PlatformBearer(tokens);
    }

    public boolean enabled() {
        return tokens != null;
    }

    /**
     * The access token to send now (null without client credentials). One caller at a time, so consumers starting
     * together fetch one token, not one each; a cached token costs a map look-up.
     */
    public String current() {
        if (tokens == null) {
            return null;
        }
        String token;
        try {
            token = tokens.current();
        } catch (OAuth2AuthorizationException e) {
            throw tokenFailure(e);
        } catch (org.springframework.web.client.RestClientException e) {
            throw tokenFailure(e);
        }
        if (token == null) {
            throw new PlatformAuthenticationException("the platform's token endpoint gave no access token", 0);
        }
        return token;
    }

    /** Forgets the cached token if it is still the one the platform refused (another caller may have renewed it). */
    public void renew(String refused) {
        if (tokens != null) {
            tokens.renew(refused);
        }
    }

    /**
     * Runs one platform call (whose requests carry {@link #current()}), its failure classified as
     * {@link PlatformClient#classify} does; a 401 renews the token and runs it once more.
     */
    public <T> T call(Supplier<T> request) {
        String used = current();
        try {
            return attempt(used, request);
        } catch (RuntimeException e) {
            RuntimeException failure = PlatformClient.classify(e);
            if (tokens == null || !unauthorized(failure)) {
                throw failure;
            }
        }
        renew(used);
        try {
            return attempt(current(), request);
        } catch (RuntimeException e) {
            RuntimeException failure = PlatformClient.classify(e);
            if (unauthorized(failure)) {
                throw new PlatformAuthenticationException("the platform refused the hub's access token (HTTP 401) right after it "
                        + "was renewed: check that the client " + "of vardnav.platform.auth is registered with the platform", 401);
            }
            throw failure;
        }
    }

    /** Every request of one attempt carries the same token: the one renewed if the platform refuses it. */
    private <T> T attempt(String token, Supplier<T> request) {
        callToken.set(token);
        try {
            return request.get();
        } finally {
            callToken.remove();
        }
    }

    /** The token for a request being sent: its call's ({@link #call}), else {@link #current()}. */
    String forRequest() {
        String token = callToken.get();
        return token != null ? token : current();
    }

    private static boolean unauthorized(RuntimeException failure) {
        return failure instanceof PlatformRejectedException r && r.statusCode() == 401;
    }

    /** The standard error code of the endpoint's JSON answer, if it is one of those we name; never its free text. */
    private static String errorCodeOf(HttpStatusCodeException answer) {
        try {
            String code = new com.fasterxml.jackson.databind.ObjectMapper().readTree(answer.getResponseBodyAsString()).path("error").asText(null);
            return REFUSED.contains(code) ? code : null;
        } catch (IOException | RuntimeException notJson) {
            return null;
        }
    }

    /** Names the endpoint and the OAuth error code; never the secret or the endpoint's free text. */
    private PlatformTransientException tokenFailure(RuntimeException e) {
        IOException io = null;
        HttpStatusCodeException status = null;
        for (Throwable c = e; c != null && c.getCause() != c; c = c.getCause()) {
            if (c instanceof IOException i) {
                io = i;
            }
            if (c instanceof HttpStatusCodeException h && status == null) {
                status = h;
            }
        }
        String code = e instanceof OAuth2AuthorizationException o ? o.getError().getErrorCode() : null;
        if (status != null && !REFUSED.contains(code)) {
            code = errorCodeOf(status); // Spring reads the error of a 400 only; a 401 carries it too (RFC 6749 §5.2)
        }
        if (io != null && status == null) {
            return new PlatformTransientException("no answer from the platform's token endpoint " + tokenUri + ": "
                    + io.getClass().getSimpleName(), 0, io);
        }
        int http = status == null ? 0 : status.getStatusCode().value();
        if (REFUSED.contains(code) || http == 400 || http == 401 || http == 403) {
            String why = REFUSED.contains(code) ? code + (http > 0 ? ", HTTP " + http : "") : "HTTP " + http;
            return new PlatformAuthenticationException("the platform's token endpoint " + tokenUri + " refused the hub's client "
                    + "credentials (" + why + "): check vardnav.platform.auth.client-id "
                    + "and vardnav.platform.auth.client-secret", http);
        }
        return new PlatformTransientException("the platform's token endpoint " + tokenUri + " failed ("
                + (http > 0 ? "HTTP " + http : code) + ")", 0, null);
    }
}
