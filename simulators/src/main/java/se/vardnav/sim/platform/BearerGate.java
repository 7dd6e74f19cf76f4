package se.vardnav.sim.platform;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Pointcut;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Every FHIR request must carry a bearer token the platform's token endpoint issued and that is still valid, else
 * 401 with {@code WWW-Authenticate: Bearer error="invalid_token"} and an OperationOutcome, as a resource server answers.
 */
final class BearerGate {
    private static final String OUTCOME = "{\"resourceType\":\"OperationOutcome\",\"issue\":[{\"severity\":\"error\","
            + "\"code\":\"login\",\"diagnostics\":\"no valid bearer token\"}]}";
    private final TokenIssuer issuer;

    BearerGate(TokenIssuer issuer) {
        this.issuer = issuer;
    }

    @Hook(Pointcut.SERVER_INCOMING_REQUEST_PRE_PROCESSED)
    public boolean admit(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (issuer.admits(request.getHeader("Authorization"))) {
            return true;
        }
        response.setStatus(401);
        response.setHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"");
        response.setContentType("application/fhir+json;charset=UTF-8");
        response.getOutputStream().write(OUTCOME.getBytes(StandardCharsets.UTF_8));
        return false;
    }
}
