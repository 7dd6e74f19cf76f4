package se.vardnav.notification.app;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import se.vardnav.fhir.Fhir;
import se.vardnav.sim.sms.ReceivedSms;
import se.vardnav.support.CapturedLogs;
import se.vardnav.support.HubTestBase;
import se.vardnav.support.TestPersons;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * "Skicka SMS om appen" over the hub's FHIR endpoint, to the SMS gateway simulator: only to the number the
 * visit platform has for the patient named, within the per-patient limit, and past the notification policy.
 */
class AppInvitationIT extends HubTestBase {
    private static final HttpClient HTTP = se.vardnav.support.HubHttp.client();
    @RegisterExtension
    final CapturedLogs captured = new CapturedLogs();

    private HttpResponse<String> sendAppSms(String patient, String mobile, String app) throws Exception {
        StringBuilder parameters = new StringBuilder("{\"resourceType\":\"Parameters\",\"parameter\":[");
        if (patient != null) {
            parameters.append("{\"name\":\"patient\",\"valueIdentifier\":{\"system\":\"%s\",\"value\":\"%s\"}},".formatted(Fhir.PERSONNUMMER, patient));
        }
        if (mobile != null) {
            parameters.append("{\"name\":\"mobile\",\"valueString\":\"%s\"},".formatted(mobile));
        }
        parameters.append("{\"name\":\"app\",\"valueString\":\"%s\"}]}".formatted(app));
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/fhir/$send-app-sms"))
                .header("Content-Type", "application/fhir+json").header("Accept", "application/fhir+json")
                .POST(HttpRequest.BodyPublishers.ofString(parameters.toString())).build(), HttpResponse.BodyHandlers.ofString());
    }

    private List<ReceivedSms> to(String e164) {
        return smsGateway.received().stream().filter(r -> e164.equals(r.to())).toList();
    }

    @Test
    void theAppSmsGoesToTheNumberThePlatformHasForThePatient() throws Exception {
        String patient = TestPersons.next();
        platform.addAccount(patient, "073-123 45 67", null);

        HttpResponse<String> answer = sendAppSms(patient, null, "alltid-oppet");
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(answer.body()).contains("\"resourceType\":\"Communication\"", "+4673-XXXXXXX", "app-invitation")
                .doesNotContain("1234567", patient);

        await().until(() -> to("+46731234567").size() == 1);
        assertThat(to("+46731234567").get(0).text())
                .isEqualTo("Välkommen till Alltid öppet! Ladda ner appen och logga in med BankID: "
                        + "https://region.example/appar/alltid-oppet Svara inte på detta SMS.");
        await().until(() -> !jdbc.queryForList("SELECT 1 FROM sms_send WHERE template = 'app-invitation'").isEmpty());
        assertThat(jdbc.queryForList("SELECT business_key FROM sms_send WHERE template = 'app-invitation'", String.class))
                .allSatisfy(k -> assertThat(k).startsWith("app|alltid-oppet|").doesNotContain("1234567"));
        // the same number given along is fine; written another way too
        assertThat(sendAppSms(patient, "+46731234567", "alltid-oppet").statusCode()).isEqualTo(200);
        await().until(() -> to("+46731234567").size() == 2);
        captured.assertNoLineContains("123 45 67", "1234567", patient);
    }

    @Test
    void aNumberTheCallerMakesUpIsNeverSentTo() throws Exception {
        String patient = TestPersons.next();
        platform.addAccount(patient, "073-123 45 68", null);
        String stranger = TestPersons.next();
        platform.addAccount(stranger, null, null); // an account without a mobile
        String nobody = TestPersons.next();        // no account at all

        HttpResponse<String> other = sendAppSms(patient, "070-999 88 77", "alltid-oppet");
        assertThat(other.statusCode()).isEqualTo(422);
        assertThat(other.body()).contains("OperationOutcome", "not the number").doesNotContain("999", "1234568", patient);
        assertThat(sendAppSms(stranger, "070-999 88 77", "alltid-oppet").statusCode()).isEqualTo(422);
        assertThat(sendAppSms(nobody, "070-999 88 77", "alltid-oppet").statusCode()).isEqualTo(422);
        assertThat(sendAppSms(null, "070-999 88 77", "alltid-oppet").statusCode()).as("no patient named").isEqualTo(422);
        assertThat(sendAppSms(TestPersons.withBadCheckDigit(), null, "alltid-oppet").statusCode()).isEqualTo(422);
        assertThat(sendAppSms(patient, null, "no-such-app").statusCode()).isEqualTo(422);

        await().during(Duration.ofMillis(800)).atMost(Duration.ofSeconds(3))
                .until(() -> to("+46709998877").isEmpty() && to("+46731234568").isEmpty());
        captured.assertNoLineContains("999 88 77", "9998877", "1234568");
    }

    @Test
    void eachPatientGetsAFewADayAndThen429() throws Exception {
        String patient = TestPersons.next();
        platform.addAccount(patient, "073-123 45 69", null);
        Instant now = Instant.parse("2026-12-01T09:00:00Z");
        clock.setNow(now);
        for (int i = 0; i < 3; i++) {
            assertThat(sendAppSms(patient, null, "alltid-oppet").statusCode()).isEqualTo(200);
        }

        HttpResponse<String> fourth = sendAppSms(patient, null, "alltid-oppet");
        assertThat(fourth.statusCode()).isEqualTo(429);
        assertThat(fourth.body()).contains("OperationOutcome", "at most 3").doesNotContain(patient, "1234569");
        // the first of the three frees its slot 24 h after it was sent (the clock runs on meanwhile)
        assertThat(Long.parseLong(fourth.headers().firstValue("Retry-After").orElseThrow()))
                .isBetween(Duration.ofHours(24).minusMinutes(1).toSeconds(), Duration.ofHours(24).toSeconds());
        String other = TestPersons.next();
        platform.addAccount(other, "073-123 45 70", null);
        assertThat(sendAppSms(other, null, "alltid-oppet").statusCode()).as("the limit is per patient").isEqualTo(200);

        clock.setNow(now.plus(Duration.ofHours(24)).plusSeconds(1));
        assertThat(sendAppSms(patient, null, "alltid-oppet").statusCode()).isEqualTo(200);
        await().until(() -> to("+46731234569").size() == 4);
    }

    @Test
    void theNotificationPolicyDecidesAsForEverySmsAndAnUnanswerableCheckSendsNothing() throws Exception {
        String deceased = TestPersons.next();
        platform.addAccount(deceased, "073-123 45 71", null);
        register.markDeceased(deceased);
        String blocked = TestPersons.next();
        platform.addAccount(blocked, "073-123 45 72", null);
        platform.blockAccount(blocked);

        HttpResponse<String> toDeceased = sendAppSms(deceased, null, "alltid-oppet");
        assertThat(toDeceased.statusCode()).isEqualTo(422);
        assertThat(toDeceased.body()).contains("notification policy").doesNotContain("deceased");
        assertThat(sendAppSms(blocked, null, "alltid-oppet").statusCode()).isEqualTo(422);

        String patient = TestPersons.next();
        platform.addAccount(patient, "073-123 45 73", null);
        register.goDown();
        assertThat(sendAppSms(patient, null, "alltid-oppet").statusCode()).isEqualTo(503);
        register.comeUp();
        platform.goDown();
        assertThat(sendAppSms(patient, null, "alltid-oppet").statusCode()).isEqualTo(503);
        platform.comeUp();

        await().during(Duration.ofMillis(800)).atMost(Duration.ofSeconds(3))
                .until(() -> to("+46731234571").isEmpty() && to("+46731234572").isEmpty() && to("+46731234573").isEmpty());
    }
}
