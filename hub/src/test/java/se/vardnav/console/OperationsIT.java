package se.vardnav.console;

import org.junit.jupiter.api.Test;
import se.vardnav.support.HubTestBase;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** What a monitoring operator looks at: liveness apart from readiness, and metrics per queue. */
class OperationsIT extends HubTestBase {
    private static final HttpClient HTTP = se.vardnav.support.HubHttp.client();

    private HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void readinessCoversRoutesDatabaseAndBrokerWhileLivenessDoesNot() throws Exception {
        var readiness = get("/actuator/health/readiness");
        assertThat(readiness.statusCode()).isEqualTo(200);
        assertThat(readiness.body()).contains("\"camelHealth\"", "\"db\"", "\"jms\"");
        var liveness = get("/actuator/health/liveness");
        assertThat(liveness.statusCode()).isEqualTo(200);
        assertThat(liveness.body()).doesNotContain("\"db\"", "\"jms\"");
    }

    @Test
    void queueDepthsAreExportedForPrometheus() throws Exception {
        var metrics = get("/actuator/prometheus");
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("vardnav_queue_depth{queue=\"platform.appointment\"}")
                .contains("vardnav_queue_depth{queue=\"DLQ.platform.appointment\"}");
    }
}
