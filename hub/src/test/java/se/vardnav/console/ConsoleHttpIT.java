package se.vardnav.console;

import org.junit.jupiter.api.Test;
import se.vardnav.sim.journal.SiuMessages;
import se.vardnav.support.AdminClient;
import se.vardnav.support.HubTestBase;
import se.vardnav.support.TestPersons;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The console over plain HTTP: discarding a dead letter, the form token, and the figures exported for Prometheus. */
class ConsoleHttpIT extends HubTestBase {
    private static final String DLQ = "DLQ.platform.appointment";
    private final HttpClient http = se.vardnav.support.HubHttp.wrap(HttpClient.newBuilder().cookieHandler(new CookieManager()).build());

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String form) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
                .header("Content-Type", "application/x-www-form-urlencoded").header("X-Vardnav-User", "SE2321000016-OPS1")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String token(String html) {
        Matcher m = Pattern.compile("name=\"_token\" value=\"([0-9a-f]{32})\"").matcher(html);
        assertThat(m.find()).as("the page carries the form token").isTrue();
        return m.group(1);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Test
    void aDeadLetterIsDiscardedOnlyWithAReasonAndOnlyFromTheConsolesOwnFormAndTheDiscardIsAudited() throws Exception {
        String id = newBookingId();
        platform.failNext(1, 422);
        send(SiuMessages.s12().bookingId(id).start(LocalDateTime.of(2026, 12, 5, 9, 0)).minutes(20).timeType("BESOK", "Besök")
                .patient(TestPersons.next()).build());
        AdminClient admin = new AdminClient(httpPort);
        await().until(() -> admin.deadLetters(DLQ).stream().anyMatch(r -> id.equals(r.get("bookingId"))));
        String messageId = (String) admin.deadLetters(DLQ).stream().filter(r -> id.equals(r.get("bookingId"))).findFirst().orElseThrow().get("messageId");

        String page = get("/console/dead-letters/message?queue=" + DLQ + "&id=" + enc(messageId)).body();
        String token = token(page);
        String form = "queue=" + DLQ + "&id=" + enc(messageId);

        assertThat(post("/console/dead-letters/discard", form + "&reason=" + enc("test")).statusCode())
                .as("no token: not the console's own form").isEqualTo(403);
        assertThat(post("/console/dead-letters/discard", form + "&_token=" + token).statusCode()).isEqualTo(302);
        assertThat(admin.deadLetters(DLQ)).as("no reason, nothing discarded").anyMatch(r -> messageId.equals(r.get("messageId")));

        assertThat(post("/console/dead-letters/discard", form + "&_token=" + token + "&reason=" + enc("duplicate of a later booking")).statusCode())
                .isEqualTo(302);
        assertThat(admin.deadLetters(DLQ)).noneMatch(r -> messageId.equals(r.get("messageId")));
        String audit = get("/console/audit").body();
        assertThat(audit).contains("DLQ_DISCARD", "SE2321000016-OPS1", "duplicate of a later booking");
        assertThat(platform.findByBookingId(id)).as("discarded, not delivered").isEmpty();
    }

    @Test
    void peersBacklogsAndRoutesAreExportedForPrometheusAsTheDashboardAndAlertsReadThem() throws Exception {
        String id = newBookingId();
        send(SiuMessages.s12().bookingId(id).start(LocalDateTime.of(2026, 12, 5, 10, 0)).minutes(20).timeType("BESOK", "Besök")
                .patient(TestPersons.next()).build());
        await().until(() -> platform.findByBookingId(id).isPresent());
        String metrics = get("/actuator/prometheus").body();
        assertThat(metrics).contains("vardnav_peer_up{peer=\"platform\"} 1.0", "vardnav_peer_failing_seconds{peer=\"register\"}",
                "vardnav_peer_calls_total{outcome=\"ok\",peer=\"platform\"}", "vardnav_peer_up{peer=\"mailbox-165568402266\"}",
                "vardnav_reminders_overdue ", "vardnav_print_list_oldest_todo_seconds ",
                "vardnav_queue_depth{queue=\"DLQ.platform.appointment\"}");
        assertThat(metrics).containsPattern("camel_exchanges_total\\{[^}]*routeId=\"platform-delivery\"")
                .containsPattern("camel_exchanges_failures_handled_total\\{[^}]*routeId=\"platform-delivery\"");
        assertThat(get("/console/overview.json").body()).contains("\"bookings\"", "\"platform\"");
    }
}
