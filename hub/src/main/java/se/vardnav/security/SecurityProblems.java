package se.vardnav.security;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.oauth2.server.resource.web.access.BearerTokenAccessDeniedHandler;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The hub's 401 and 403: an OperationOutcome under {@code /fhir}, RFC 9457 problem JSON elsewhere, with the
 * {@code WWW-Authenticate: Bearer} header OAuth clients expect. Says what is missing (a token, which roles), never
 * why a token failed in detail, and never a stack trace.
 */
public class SecurityProblems implements AuthenticationEntryPoint, AccessDeniedHandler {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final AuthenticationEntryPoint bearer = new BearerTokenAuthenticationEntryPoint();
    private final AccessDeniedHandler bearerDenied = new BearerTokenAccessDeniedHandler();
    private final FhirContext fhir;

    public SecurityProblems(FhirContext fhir) {
        this.fhir = fhir;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e) throws IOException, ServletException {
        bearer.commence(request, response, e); // status and WWW-Authenticate
        boolean sent = request.getHeader("Authorization") != null;
        write(request, response, "Unauthorized", sent
                ? "the bearer token was refused (expired, not yet valid, or not signed by the configured issuer for this audience)"
                : "this endpoint needs a bearer token from the region's issuer", OperationOutcome.IssueType.LOGIN);
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e) throws IOException, ServletException {
        bearerDenied.handle(request, response, e);
        String detail = AccessRules.ruleFor(request).filter(r -> !r.roles().isEmpty())
                .map(r -> "this endpoint needs one of the roles " + r.roles().stream().map(HubRole::id).collect(Collectors.joining(", ")))
                .orElse("this endpoint is not open to any role");
        write(request, response, "Forbidden", detail, OperationOutcome.IssueType.FORBIDDEN);
    }

    private void write(HttpServletRequest request, HttpServletResponse response, String title, String detail,
                       OperationOutcome.IssueType code) throws IOException {
        if (response.isCommitted()) {
            return;
        }
        byte[] body;
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (path.equals("/fhir") || path.startsWith("/fhir/")) {
            OperationOutcome outcome = new OperationOutcome();
            outcome.addIssue().setSeverity(OperationOutcome.IssueSeverity.ERROR).setCode(code).setDiagnostics(detail);
            response.setContentType("application/fhir+json;charset=UTF-8");
            body = fhir.newJsonParser().encodeResourceToString(outcome).getBytes(StandardCharsets.UTF_8);
        } else {
            Map<String, Object> problem = new LinkedHashMap<>();
            problem.put("type", "about:blank");
            problem.put("title", title);
            problem.put("status", response.getStatus());
            problem.put("detail", detail);
            response.setContentType("application/problem+json");
            body = JSON.writeValueAsBytes(problem);
        }
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
