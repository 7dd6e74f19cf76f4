package se.vardnav.support;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor;

/** A HAPI client of the hub's /fhir that calls with the default test token (every role). */
public final class TestFhirClients {
    private TestFhirClients() {
    }

    public static IGenericClient hub(FhirContext fhir, String fhirBase) {
        IGenericClient client = fhir.newRestfulGenericClient(fhirBase);
        client.registerInterceptor(new BearerTokenAuthInterceptor(TestTokens.all()));
        return client;
    }
}
