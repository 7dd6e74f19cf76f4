package se.vardnav.security;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import se.vardnav.support.HubTestBase;
import se.vardnav.support.TestTokens;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Tokens as a hostile or mistaken caller would present them, and what each gets. */
class AccessControlIT extends HubTestBase {
    private static final String APPOINTMENT = "{\"resourceType\":\"Appointment\",\"status\":\"booked\"}";
    private final HttpClient http = HttpClient.newHttpClient();
    @Value("${vardnav.letter.documents-dir}")
    Path documents;

    private HttpResponse<String> post(String path, String token, String type, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
                .header("Content-Type", type).POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void tokensFromElsewhereExpiredOrForgedAreRefusedAs401() throws Exception {
        Map<String, Object> journal = Map.of("roles", List.of("journal-system"));
        List<String> refused = List.of(
                TestTokens.minter("https://another-issuer.example", TestTokens.AUDIENCE).mint("journal", journal, Duration.ofMinutes(5)),
                TestTokens.minter(TestTokens.ISSUER, "another-service").mint("journal", journal, Duration.ofMinutes(5)),
                TestTokens.withClaims("journal", journal, Duration.ofMinutes(-5)),
                TestTokens.withRoles("journal", HubRole.JOURNAL_SYSTEM) + "x",
                "not-a-jwt");
        for (String token : refused) {
            HttpResponse<String> response = post("/fhir/Appointment", token, "application/fhir+json", APPOINTMENT);
            assertThat(response.statusCode()).as(token).isEqualTo(401);
            assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(h -> assertThat(h).contains("invalid_token"));
            assertThat(response.body()).contains("\"resourceType\":\"OperationOutcome\"", "\"code\":\"login\"")
                    .doesNotContain("Exception", "at org.");
        }
    }

    @Test
    void aSystemCannotUseAnotherSystemsEndpoints() throws Exception {
        HttpResponse<String> chat = post("/fhir/Communication", TestTokens.withRoles("journal", HubRole.JOURNAL_SYSTEM),
                "application/fhir+json", "{\"resourceType\":\"Communication\",\"status\":\"completed\"}");
        assertThat(chat.statusCode()).isEqualTo(403);
        assertThat(chat.body()).contains("\"code\":\"forbidden\"", "needs one of the roles platform");
        HttpResponse<String> booking = post("/fhir/Appointment", TestTokens.withRoles("platform", HubRole.PLATFORM),
                "application/fhir+json", APPOINTMENT);
        assertThat(booking.statusCode()).isEqualTo(403);
        HttpResponse<String> printList = get("/admin/print-list", TestTokens.withRoles("report", HubRole.REPORT));
        assertThat(printList.statusCode()).isEqualTo(403);
        assertThat(printList.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(printList.body()).contains("\"status\":403", "needs one of the roles print");
        assertThat(get("/admin/print-list", TestTokens.withRoles("print", HubRole.PRINT)).statusCode()).isEqualTo(200);
    }

    @Test
    void anAnonymousLetterIsRefusedBeforeAnyPdfIsStored() throws Exception {
        long before = files(documents);
        String pdf = java.util.Base64.getEncoder().encodeToString("%PDF-1.4 anonymous".getBytes());
        String letter = "{\"resourceType\":\"CommunicationRequest\",\"status\":\"active\",\"payload\":[{\"contentAttachment\":"
                + "{\"contentType\":\"application/pdf\",\"data\":\"" + pdf + "\"}}]}";
        HttpResponse<String> response = post("/fhir/CommunicationRequest", null, "application/fhir+json", letter);
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(files(documents)).as("no PDF was stored").isEqualTo(before);
    }

    @Test
    void anOversizedBodyIsRefusedUnreadTokenOrNot() throws Exception {
        String big = "{\"ids\":[" + "1,".repeat(40_000) + "1]}";
        HttpResponse<String> response = post("/admin/print-list/print", null, "application/json", big);
        assertThat(response.statusCode()).as("the body limit sits before authentication").isEqualTo(413);
    }

    @Test
    void probesAnswerWithoutATokenButShowDetailsOnlyToOperations() throws Exception {
        HttpResponse<String> anonymous = get("/actuator/health/readiness", null);
        assertThat(anonymous.statusCode()).isEqualTo(200);
        assertThat(anonymous.body()).contains("\"status\":\"UP\"").doesNotContain("\"db\"", "components");
        assertThat(get("/actuator/health/liveness", null).statusCode()).isEqualTo(200);
        assertThat(get("/actuator/health/readiness", TestTokens.withRoles("ops", HubRole.OPERATIONS)).body()).contains("\"db\"");
        assertThat(get("/actuator/prometheus", null).statusCode()).isEqualTo(401);
        assertThat(get("/actuator/prometheus", TestTokens.withRoles("prometheus", HubRole.MONITORING)).statusCode()).isEqualTo(200);
        assertThat(get("/actuator/camelroutes", TestTokens.withRoles("prometheus", HubRole.MONITORING)).statusCode()).isEqualTo(403);
    }

    private static long files(Path dir) throws Exception {
        if (!Files.exists(dir)) {
            return 0;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            return all.filter(Files::isRegularFile).count();
        }
    }
}
