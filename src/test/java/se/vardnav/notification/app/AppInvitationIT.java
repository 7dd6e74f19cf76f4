package se.vardnav.notification.app;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import se.vardnav.support.CapturedLogs;
import se.vardnav.sim.sms.ReceivedSms;
import se.vardnav.support.HubTestBase;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** "Skicka SMS om appen" over the hub's FHIR endpoint, to the SMS gateway simulator. */
class AppInvitationIT extends HubTestBase {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    @RegisterExtension
    final CapturedLogs captured = new CapturedLogs();

    private HttpResponse<String> sendAppSms(String mobile, String app) throws Exception {
        String parameters = """
                {"resourceType":"Parameters","parameter":[
                  {"name":"mobile","valueString":"%s"},{"name":"app","valueString":"%s"}]}""".formatted(mobile, app);
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/fhir/$send-app-sms"))
                .header("Content-Type", "application/fhir+json").header("Accept", "application/fhir+json")
                .POST(HttpRequest.BodyPublishers.ofString(parameters)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private List<ReceivedSms> to(String e164) {
        return smsGateway.received().stream().filter(r -> e164.equals(r.to())).toList();
    }

    @Test
    void theAppSmsReachesTheGatewayWithTheTemplateTextAndTheAnswerMasksTheNumber() throws Exception {
        HttpResponse<String> answer = sendAppSms("073-123 45 67", "alltid-oppet");
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).contains("\"resourceType\":\"Communication\"", "+4673-XXXXXXX", "app-invitation")
                .doesNotContain("1234567");

        await().until(() -> to("+46731234567").size() == 1);
        assertThat(to("+46731234567").get(0).text())
                .isEqualTo("Välkommen till Alltid öppet! Ladda ner appen och logga in med BankID: "
                        + "https://region.example/appar/alltid-oppet Svara inte på detta SMS.");
        // recorded once under its business key, without the number
        await().until(() -> !jdbc.queryForList("SELECT 1 FROM sms_send WHERE template = 'app-invitation'").isEmpty());
        assertThat(jdbc.queryForList("SELECT business_key FROM sms_send WHERE template = 'app-invitation'", String.class))
                .allSatisfy(k -> assertThat(k).startsWith("app|alltid-oppet|").doesNotContain("1234567"));
        await().during(Duration.ofMillis(800)).atMost(Duration.ofSeconds(3)).until(() -> to("+46731234567").size() == 1);
        assertNoNumberLogged("123 45 67", "1234567");
    }

    @Test
    void anInvalidNumberIsRefusedWith422AndAReasonWithoutTheNumber() throws Exception {
        HttpResponse<String> answer = sendAppSms("08-555 123 99", "alltid-oppet");
        assertThat(answer.statusCode()).isEqualTo(422);
        assertThat(answer.body()).contains("OperationOutcome", "mobile").doesNotContain("555", "12399");
        assertThat(sendAppSms("073-123 45 68", "no-such-app").statusCode()).isEqualTo(422);
        assertNoNumberLogged("555 123 99", "555123", "1234568");
    }

    private void assertNoNumberLogged(String... numbers) {
        captured.assertNoLineContains(numbers);
    }
}
