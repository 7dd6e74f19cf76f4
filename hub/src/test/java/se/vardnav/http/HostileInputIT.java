package se.vardnav.http;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import se.vardnav.support.HubHttp;
import se.vardnav.support.HubTestBase;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * XML and JSON as an attacker would send them to /fhir and the admin API: a DOCTYPE with an external entity is
 * refused and nothing is fetched, entity expansion is refused, and JSON nested past the limit gets 400, never 500.
 */
class HostileInputIT extends HubTestBase {
    private static final HttpClient HTTP = HubHttp.client();
    private HttpServer bait;
    private final AtomicInteger fetched = new AtomicInteger();

    @BeforeEach
    void startBait() throws Exception {
        bait = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        bait.createContext("/", exchange -> {
            fetched.incrementAndGet();
            byte[] body = "booked".getBytes();
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        bait.start();
    }

    @AfterEach
    void stopBait() {
        bait.stop(0);
    }

    private HttpResponse<String> post(String path, String type, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", type).POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void anXmlAppointmentWithAnExternalEntityIsRefusedAndNothingIsFetched() throws Exception {
        String xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE Appointment [<!ENTITY xxe SYSTEM \"http://127.0.0.1:"
                + bait.getAddress().getPort() + "/entity\">]>\n"
                + "<Appointment xmlns=\"http://hl7.org/fhir\"><status value=\"&xxe;\"/></Appointment>";
        HttpResponse<String> response = post("/fhir/Appointment", "application/fhir+xml", xml);
        assertThat(response.statusCode()).isBetween(400, 422);
        assertThat(response.body()).contains("OperationOutcome").doesNotContain("at org.", "at ca.uhn");
        assertThat(fetched).as("the entity's URL was never fetched").hasValue(0);
    }

    @Test
    void xmlEntityExpansionIsRefused() throws Exception {
        StringBuilder entities = new StringBuilder("<!ENTITY a0 \"lol\">");
        for (int i = 1; i <= 9; i++) {
            entities.append("<!ENTITY a").append(i).append(" \"").append(("&a" + (i - 1) + ";").repeat(10)).append("\">");
        }
        String xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE Appointment [" + entities + "]>\n"
                + "<Appointment xmlns=\"http://hl7.org/fhir\"><comment value=\"&a9;\"/></Appointment>";
        HttpResponse<String> response = post("/fhir/Appointment", "application/fhir+xml", xml);
        assertThat(response.statusCode()).isBetween(400, 422);
    }

    @Test
    void deeplyNestedFhirJsonGets400() throws Exception {
        String json = "{\"resourceType\":\"Appointment\",\"comment\":" + "[".repeat(5000) + "]".repeat(5000) + "}";
        HttpResponse<String> response = post("/fhir/Appointment", "application/fhir+json", json);
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("OperationOutcome");
    }

    @Test
    void deeplyNestedAdminJsonGets400() throws Exception {
        String json = "{\"ids\":" + "[".repeat(200) + "]".repeat(200) + "}";
        HttpResponse<String> response = post("/admin/print-list/mark-handled", "application/json", json);
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
    }
}
