package se.vardnav.http;

import ca.uhn.fhir.context.FhirContext;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.Test;
import se.vardnav.support.HubTestBase;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** Every HTTP endpoint has a body limit; a larger body gets 413 that states it (default limits). */
class BodyLimitsIT extends HubTestBase {
    private static final HttpClient HTTP = se.vardnav.support.HubHttp.client();
    private static final int MB = 1024 * 1024;

    /** An Appointment whose comment makes it about this large. */
    static byte[] appointment(int bytes) {
        return ("{\"resourceType\":\"Appointment\",\"status\":\"booked\",\"comment\":\"" + "x".repeat(bytes) + "\"}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private HttpResponse<String> post(String path, String type, HttpRequest.BodyPublisher body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
                .header("Content-Type", type).header("X-Vardnav-User", "test").POST(body).build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpRequest.BodyPublisher chunked(byte[] body) {
        return HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body));
    }

    static OperationOutcome.OperationOutcomeIssueComponent issue(HttpResponse<String> response) {
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/fhir+json"));
        return FhirContext.forR4Cached().newJsonParser().parseResource(OperationOutcome.class, response.body()).getIssueFirstRep();
    }

    @Test
    void aFhirResourceOverItsLimitGets413WithAnOperationOutcomeStatingTheLimit() throws Exception {
        HttpResponse<String> response = post("/fhir/Appointment", "application/fhir+json", HttpRequest.BodyPublishers.ofByteArray(appointment(20 * MB)));
        assertThat(response.statusCode()).isEqualTo(413);
        OperationOutcome.OperationOutcomeIssueComponent issue = issue(response);
        assertThat(issue.getCode()).isEqualTo(OperationOutcome.IssueType.TOOLONG);
        assertThat(issue.getDiagnostics()).contains("at most " + MB + " bytes (vardnav.http.body-limits.fhir)");
    }

    @Test
    void aChunkedFhirBodyIsCountedAsItArrives() throws Exception {
        HttpResponse<String> response = post("/fhir/Appointment", "application/fhir+json", chunked(appointment(2 * MB)));
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(issue(response).getDiagnostics()).contains("at most " + MB + " bytes");
    }

    @Test
    void adminAndCallbackEndpointsHaveSmallLimits() throws Exception {
        byte[] large = ("ids=" + "1,".repeat(50_000)).getBytes(StandardCharsets.US_ASCII);
        HttpResponse<String> admin = post("/admin/print-list/mark-handled", "application/json", HttpRequest.BodyPublishers.ofByteArray(large));
        assertThat(admin.statusCode()).isEqualTo(413);
        assertThat(admin.body()).contains("vardnav.http.body-limits.admin").contains("\"status\":413");

        HttpResponse<String> callback = post("/sms/reports/elks", "application/x-www-form-urlencoded", chunked(large));
        assertThat(callback.statusCode()).isEqualTo(413);
        assertThat(callback.body()).contains("vardnav.http.body-limits.callbacks");
    }

    @Test
    void aSmallChunkedCallbackStillArrives() throws Exception {
        byte[] report = "id=unknown-sms&status=delivered".getBytes(StandardCharsets.US_ASCII);
        // a report without the per-SMS token: 403 from the controller (not 413), i.e. the body got through
        assertThat(post("/sms/reports/elks", "application/x-www-form-urlencoded", chunked(report)).statusCode()).isEqualTo(403);
    }
}
