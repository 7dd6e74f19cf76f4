package se.vardnav.http;

import org.junit.jupiter.api.Test;
import se.vardnav.support.SmallLimitsTestBase;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

/** Letters carry their PDFs inline: a limit of their own, larger than other FHIR bodies (here 3 MB against 1 MB). */
class LetterBodyLimitIT extends SmallLimitsTestBase {
    private static final HttpClient HTTP = se.vardnav.support.HubHttp.client();

    private static byte[] letter(int pdfBytes) {
        return ("{\"resourceType\":\"CommunicationRequest\",\"status\":\"active\",\"payload\":[{\"contentAttachment\":"
                + "{\"contentType\":\"application/pdf\",\"data\":\"" + Base64.getEncoder().encodeToString(new byte[pdfBytes]) + "\"}}]}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private HttpResponse<String> post(HttpRequest.BodyPublisher body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/fhir/CommunicationRequest"))
                .header("Content-Type", "application/fhir+json").POST(body).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aLetterOverTheFhirLimitButUnderItsOwnIsRead() throws Exception {
        // 2 MB of body: over the 1 MB for other resources; read and judged on its content (this one lacks a patient)
        HttpResponse<String> response = post(HttpRequest.BodyPublishers.ofByteArray(letter(1_500_000)));
        assertThat(response.statusCode()).isNotEqualTo(413).isBetween(400, 422);
    }

    @Test
    void aLetterOverItsLimitGets413WithTheLimit() throws Exception {
        HttpResponse<String> response = post(HttpRequest.BodyPublishers.ofByteArray(letter(3_000_000)));
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(BodyLimitsIT.issue(response).getDiagnostics()).contains("at most " + LETTER_LIMIT + " bytes (vardnav.http.body-limits.letters)");
    }

    @Test
    void aChunkedLetterIsCountedWhileItsPdfsStreamToDisk() throws Exception {
        HttpResponse<String> response = post(BodyLimitsIT.chunked(letter(3_000_000)));
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(BodyLimitsIT.issue(response).getDiagnostics()).contains("vardnav.http.body-limits.letters");
    }
}
