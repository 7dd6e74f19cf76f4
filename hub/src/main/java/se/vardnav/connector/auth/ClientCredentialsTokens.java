package se.vardnav.connector.auth;

import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.http.converter.FormHttpMessageConverter;
import org.springframework.security.oauth2.client.AuthorizedClientServiceOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.InMemoryOAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientProviderBuilder;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.endpoint.RestClientClientCredentialsTokenResponseClient;
import org.springframework.security.oauth2.client.http.OAuth2ErrorResponseErrorHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.http.converter.OAuth2AccessTokenResponseHttpMessageConverter;
import org.springframework.web.client.RestClient;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;

/**
 * One OAuth 2.0 client-credentials client of the hub towards a peer (Spring Security's OAuth2 client): the access token
 * is fetched on first use, cached, and fetched again once it expires within {@code renewBefore}; {@link #renew} forgets
 * a token the peer refused, so the next {@link #current} fetches a new one. Failures of the token endpoint come as Spring
 * raises them ({@link org.springframework.security.oauth2.core.OAuth2AuthorizationException},
 * {@link org.springframework.web.client.RestClientException}): each connector says what they mean for its messages.
 */
public final class ClientCredentialsTokens {
    private static final String PRINCIPAL = "vardnav-hub";

    private final String registrationId;
    private final AuthorizedClientServiceOAuth2AuthorizedClientManager manager;
    private final OAuth2AuthorizedClientService store;

    private ClientCredentialsTokens(String registrationId, AuthorizedClientServiceOAuth2AuthorizedClientManager manager,
                                    OAuth2AuthorizedClientService store) {
        this.registrationId = registrationId;
        this.manager = manager;
        this.store = store;
    }

    /**
     * @param scope        space-separated scopes to ask for; blank: none
     * @param tokenRequests the HTTP client for the token endpoint ({@link #tokenEndpoint})
     */
    public static ClientCredentialsTokens of(String registrationId, String tokenUri, String clientId, String clientSecret,
                                             String scope, Duration renewBefore, Clock clock, RestClient tokenRequests) {
        ClientRegistration.Builder registration = ClientRegistration.withRegistrationId(registrationId)
                .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .clientId(clientId)
                .clientSecret(clientSecret)
                .tokenUri(tokenUri);
        if (scope != null && !scope.isBlank()) {
            registration.scope(scope.trim().split("\\s+"));
        }
        var registrations = new InMemoryClientRegistrationRepository(registration.build());
        var store = new InMemoryOAuth2AuthorizedClientService(registrations);
        var tokenClient = new RestClientClientCredentialsTokenResponseClient();
        tokenClient.setRestClient(tokenRequests);
        var provider = OAuth2AuthorizedClientProviderBuilder.builder()
                .clientCredentials(c -> c.accessTokenResponseClient(tokenClient).clock(clock).clockSkew(renewBefore))
                .build();
        var manager = new AuthorizedClientServiceOAuth2AuthorizedClientManager(registrations, store);
        manager.setAuthorizedClientProvider(provider);
        return new ClientCredentialsTokens(registrationId, manager, store);
    }

    /** Spring's own set-up for a token endpoint (form out, token response or OAuth error in) over this HTTP client. */
    public static RestClient tokenEndpoint(HttpClient http, Duration readTimeout) {
        var factory = new JdkClientHttpRequestFactory(http);
        factory.setReadTimeout(readTimeout);
        return RestClient.builder()
                .requestFactory(factory)
                .messageConverters(converters -> {
                    converters.clear();
                    converters.add(new FormHttpMessageConverter());
                    converters.add(new OAuth2AccessTokenResponseHttpMessageConverter());
                })
                .defaultStatusHandler(new OAuth2ErrorResponseErrorHandler())
                .build();
    }

    /**
     * The access token to send now; null if the endpoint gave none. One caller at a time, so callers starting together
     * fetch one token, not one each; a cached token costs a map look-up.
     */
    public synchronized String current() {
        OAuth2AuthorizedClient client = manager.authorize(OAuth2AuthorizeRequest.withClientRegistrationId(registrationId)
                .principal(PRINCIPAL).build());
        return client == null || client.getAccessToken() == null ? null : client.getAccessToken().getTokenValue();
    }

    /** Forgets the cached token if it is still the one the peer refused (another caller may have renewed it already). */
    public synchronized void renew(String refused) {
        OAuth2AuthorizedClient cached = store.loadAuthorizedClient(registrationId, PRINCIPAL);
        if (cached != null && (refused == null || refused.equals(cached.getAccessToken().getTokenValue()))) {
            store.removeAuthorizedClient(registrationId, PRINCIPAL);
        }
    }
}
