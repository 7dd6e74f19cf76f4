package se.vardnav.security;

import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.server.ResourceBinding;
import ca.uhn.fhir.rest.server.RestfulServer;
import ca.uhn.fhir.rest.server.method.BaseMethodBinding;
import ca.uhn.fhir.rest.server.method.OperationMethodBinding;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.ApplicationContext;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.handler.AbstractUrlHandlerMapping;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;
import se.vardnav.support.HubHttp;
import se.vardnav.support.HubTestBase;
import se.vardnav.support.TestTokens;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every endpoint the running hub maps — Spring MVC's handler mappings (controllers, actuator, static assets) and the
 * HAPI RestfulServer's resource methods and operations — refuses a caller without a token (401) and a caller whose
 * roles are all the others (403), and lets its own role through. A new endpoint without a rule in
 * {@link AccessRules} is refused to everyone, and fails here until it gets one.
 */
class AccessRulesCoverIT extends HubTestBase {
    /** The only endpoints open without a token, and why (README "Access control"). */
    /** Path variables: an id no test uses, so a call with the right role changes nothing. */
    private static final String SAMPLE_ID = "987654321";
    private static final Set<String> OPEN = Set.of("/actuator/health", "/sms/reports/", "/visit-platform/notifications");
    private final HttpClient http = HttpClient.newHttpClient();
    @Autowired
    ApplicationContext context;
    @Autowired
    ServletRegistrationBean<RestfulServer> fhirServlet;

    record Endpoint(String method, String path) implements Comparable<Endpoint> {
        @Override
        public int compareTo(Endpoint o) {
            return (path + " " + method).compareTo(o.path + " " + o.method);
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    @Test
    void everyEndpointRefusesAnonymousAndWrongRoleCallers() throws Exception {
        Set<Endpoint> endpoints = new TreeSet<>();
        endpoints.addAll(springEndpoints());
        endpoints.addAll(fhirEndpoints());
        assertThat(endpoints).as("the enumeration sees the hub's endpoints")
                .contains(new Endpoint("POST", "/fhir/Appointment"), new Endpoint("POST", "/fhir/$send-app-sms"),
                        new Endpoint("POST", "/fhir/Appointment/$guests"), new Endpoint("GET", "/admin/print-list"),
                        new Endpoint("GET", "/console"), new Endpoint("GET", "/actuator/prometheus"),
                        new Endpoint("GET", "/console-assets/console.css"), new Endpoint("GET", "/guest-links/" + SAMPLE_ID));

        List<String> failures = new ArrayList<>();
        for (Endpoint e : endpoints) {
            AccessRules.Rule rule = AccessRules.ruleFor(new MockHttpServletRequest(e.method(), e.path().split("\\?")[0])).orElse(null);
            HttpResponse<String> anonymous = call(e, null);
            if (rule != null && rule.open()) {
                if (OPEN.stream().noneMatch(e.path()::startsWith)) {
                    failures.add(e + " is open without a token but not listed as open");
                }
                continue;
            }
            expect(failures, e, "anonymous", anonymous, 401);
            Set<HubRole> wrong = EnumSet.allOf(HubRole.class);
            if (rule != null) {
                wrong.removeAll(rule.roles());
            }
            if (!wrong.isEmpty()) {
                expect(failures, e, "roles " + wrong, call(e, TestTokens.withRoles("wrong-role", wrong.toArray(HubRole[]::new))), 403);
            }
            if (rule == null) {
                continue; // refused to everyone (e.g. Spring's /error called directly)
            }
            boolean consoleForm = e.path().startsWith("/console") && e.method().equals("POST"); // needs the page's form token
            if (!consoleForm) {
                HttpResponse<String> right = call(e, TestTokens.withRoles("right-role", rule.roles().toArray(HubRole[]::new)));
                if (right.statusCode() == 401 || right.statusCode() == 403) {
                    failures.add(e + " refuses its own roles " + rule.roles() + ": " + right.statusCode());
                }
            }
        }
        assertThat(failures).as("endpoints checked: %s", endpoints).isEmpty();
    }

    private void expect(List<String> failures, Endpoint e, String who, HttpResponse<String> response, int status) {
        if (response.statusCode() != status) {
            failures.add(e + " as " + who + ": " + response.statusCode() + " instead of " + status);
            return;
        }
        String type = response.headers().firstValue("Content-Type").orElse("");
        boolean fhir = e.path().startsWith("/fhir");
        if (fhir ? !(type.startsWith("application/fhir+json") && response.body().contains("\"OperationOutcome\""))
                : !(type.startsWith("application/problem+json") && response.body().contains("\"status\":" + status))) {
            failures.add(e + " as " + who + ": " + status + " without " + (fhir ? "an OperationOutcome" : "problem JSON") + ": " + type);
        }
        if (response.headers().firstValue("WWW-Authenticate").filter(h -> h.startsWith("Bearer")).isEmpty()) {
            failures.add(e + " as " + who + ": no WWW-Authenticate: Bearer");
        }
    }

    private HttpResponse<String> call(Endpoint e, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + e.path()));
        request.method(e.method(), e.method().equals("GET") || e.method().equals("DELETE")
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString("{}"));
        if (!e.method().equals("GET")) {
            request.header("Content-Type", e.path().startsWith("/fhir") ? "application/fhir+json" : "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Controllers and actuator endpoints with sample path variables, and the static assets. */
    private List<Endpoint> springEndpoints() throws Exception {
        List<Endpoint> found = new ArrayList<>();
        for (RequestMappingInfoHandlerMapping mapping : context.getBeansOfType(RequestMappingInfoHandlerMapping.class).values()) {
            for (RequestMappingInfo info : mapping.getHandlerMethods().keySet()) {
                Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
                for (String pattern : info.getPatternValues()) {
                    String path = pattern.replace("/**", "/liveness").replaceAll("\\{\\*?[^}]*}", SAMPLE_ID);
                    for (RequestMethod m : methods.isEmpty() ? EnumSet.of(RequestMethod.GET, RequestMethod.POST) : methods) {
                        found.add(new Endpoint(m.name(), path));
                    }
                }
            }
        }
        for (AbstractUrlHandlerMapping mapping : context.getBeansOfType(AbstractUrlHandlerMapping.class).values()) {
            for (String pattern : mapping.getHandlerMap().keySet()) {
                found.add(new Endpoint("GET", pattern.replace("/**", "/unknown.css")));
            }
        }
        for (var asset : new PathMatchingResourcePatternResolver().getResources("classpath:static/**/*.*")) {
            String url = asset.getURL().toString();
            found.add(new Endpoint("GET", url.substring(url.lastIndexOf("/static/") + "/static".length())));
        }
        return found;
    }

    /** The HAPI server's resource methods and operations, as a client would call them. */
    private List<Endpoint> fhirEndpoints() {
        RestfulServer server = fhirServlet.getServlet();
        List<Endpoint> found = new ArrayList<>(List.of(new Endpoint("GET", "/fhir/metadata"), new Endpoint("POST", "/fhir")));
        List<BaseMethodBinding> bindings = new ArrayList<>(server.getServerBindings());
        for (ResourceBinding resource : server.getResourceBindings()) {
            bindings.addAll(resource.getMethodBindings());
        }
        for (BaseMethodBinding b : bindings) {
            String type = "/fhir/" + b.getResourceName();
            RestOperationTypeEnum op = b.getRestOperationType();
            switch (op) {
                case CREATE -> found.add(new Endpoint("POST", type));
                case UPDATE -> found.add(new Endpoint("PUT", type + "/" + SAMPLE_ID));
                case READ, VREAD -> found.add(new Endpoint("GET", type + "/" + SAMPLE_ID));
                case SEARCH_TYPE -> {
                    found.add(new Endpoint("GET", type));
                    found.add(new Endpoint("POST", type + "/_search"));
                }
                case EXTENDED_OPERATION_SERVER, EXTENDED_OPERATION_TYPE, EXTENDED_OPERATION_INSTANCE -> {
                    OperationMethodBinding o = (OperationMethodBinding) b;
                    String name = o.getName().startsWith("$") ? o.getName() : "$" + o.getName();
                    List<String> paths = new ArrayList<>();
                    if (o.isCanOperateAtServerLevel()) {
                        paths.add("/fhir/" + name);
                    }
                    if (o.isCanOperateAtTypeLevel()) {
                        paths.add(type + "/" + name);
                    }
                    if (o.isCanOperateAtInstanceLevel()) {
                        paths.add(type + "/" + SAMPLE_ID + "/" + name);
                    }
                    for (String p : paths) {
                        found.add(new Endpoint("POST", p));
                        if (o.isIdempotent()) {
                            found.add(new Endpoint("GET", p));
                        }
                    }
                }
                case DELETE -> found.add(new Endpoint("DELETE", type + "/" + SAMPLE_ID));
                case PATCH -> found.add(new Endpoint("PATCH", type + "/" + SAMPLE_ID));
                case HISTORY_TYPE -> found.add(new Endpoint("GET", type + "/_history"));
                case HISTORY_INSTANCE -> found.add(new Endpoint("GET", type + "/" + SAMPLE_ID + "/_history"));
                case HISTORY_SYSTEM -> found.add(new Endpoint("GET", "/fhir/_history"));
                case SEARCH_SYSTEM -> found.add(new Endpoint("GET", "/fhir?_type=Patient"));
                case TRANSACTION, BATCH -> found.add(new Endpoint("POST", "/fhir"));
                case METADATA -> found.add(new Endpoint("GET", "/fhir/metadata"));
                case VALIDATE -> found.add(new Endpoint("POST", type + "/$validate"));
                case GET_PAGE -> found.add(new Endpoint("GET", "/fhir?_getpages=" + SAMPLE_ID));
                case GRAPHQL_REQUEST -> found.add(new Endpoint("POST", "/fhir/$graphql"));
                default -> throw new AssertionError("teach this test how a client calls a HAPI " + op + " method (" + type + ")");
            }
        }
        return found;
    }
}
