package se.vardnav.connector.platform;

import ca.uhn.fhir.rest.client.api.IClientInterceptor;
import ca.uhn.fhir.rest.client.api.IHttpRequest;
import ca.uhn.fhir.rest.client.api.IHttpResponse;

/** Puts the hub's current access token on every FHIR request to the platform. */
final class PlatformBearer implements IClientInterceptor {
    private final PlatformTokens tokens;

    PlatformBearer(PlatformTokens tokens) {
        this.tokens = tokens;
    }

    @Override
    public void interceptRequest(IHttpRequest request) {
        String token = tokens.forRequest();
        if (token != null) {
            request.removeHeaders("Authorization");
            request.addHeader("Authorization", "Bearer " + token);
        }
    }

    @Override
    public void interceptResponse(IHttpResponse response) {
        // a 401 is handled around the whole call (PlatformTokens.call), which can send it again
    }
}
