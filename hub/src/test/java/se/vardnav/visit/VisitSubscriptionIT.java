package se.vardnav.visit;

import ca.uhn.fhir.context.FhirContext;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Subscription;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import se.vardnav.sim.journal.JournalReceiver;
import se.vardnav.sim.platform.VisitEncounters;
import se.vardnav.support.HubTestBase;
import se.vardnav.support.TestPersons;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Subscription mode against the platform simulator, whose rest-hook delivery is the one of HAPI FHIR JPA server:
 * PUT {endpoint}/Encounter/{id} with the resource when the Subscription asks for a payload, an empty POST {endpoint}
 * when it does not. Either way the visit reaches the journal as with a push.
 */
class VisitSubscriptionIT extends HubTestBase {
    @Autowired
    PlatformSubscription subscription;
    @Value("${vardnav.visit.subscription.token}")
    String token;

    @BeforeEach
    void freshPlatformSubscriptions() {
        platform.clearSubscriptions();
    }

    private String endpoint() {
        return "http://127.0.0.1:" + httpPort + VisitNotificationController.PATH;
    }

    private List<String> triggersOf(String visitId) {
        return journalReceiver.accepted().stream().filter(m -> m.contains("|" + visitId + "^")).map(JournalReceiver::trigger).toList();
    }

    private Encounter started(String id, String patient, Instant t) {
        return VisitEncounters.visit(id, patient, "SE2321000016-VC01", "SE2321000016-DR11").at(t).started(t).build();
    }

    private Encounter ended(String id, String patient, Instant t) {
        return VisitEncounters.visit(id, patient, "SE2321000016-VC01", "SE2321000016-DR11").at(t.plusSeconds(60)).started(t)
                .note("Status", "Bedömning", "Fritext", "SE2321000016-DR11").diagnosis("J06.9", "Akut övre luftvägsinfektion", true)
                .ended(t.plusSeconds(50), 3).build();
    }

    @Test
    void theHubRegistersOneRestHookSubscriptionOnEncounters() {
        subscription.register();
        subscription.register();
        assertThat(platform.subscriptions()).singleElement().satisfies(s -> {
            assertThat(s.getCriteria()).startsWith("Encounter");
            assertThat(s.getChannel().getType()).isEqualTo(Subscription.SubscriptionChannelType.RESTHOOK);
            assertThat(s.getChannel().getEndpoint()).isEqualTo(endpoint());
            assertThat(s.getChannel().getPayload()).isEqualTo("application/fhir+json");
            assertThat(s.getChannel().getHeader()).extracting(h -> h.getValue()).containsExactly("Authorization: Bearer " + token);
        });
    }

    @Test
    void fullResourceNotificationsReachTheJournalAsWithAPush() {
        subscription.register();
        String id = "V-" + UUID.randomUUID();
        String patient = TestPersons.next();
        Instant t = clock.instant().minusSeconds(600);
        assertThat(platform.writeVisit(started(id, patient, t))).containsExactly(200);
        await().until(() -> triggersOf(id).contains("A04"));
        assertThat(platform.writeVisit(ended(id, patient, t))).containsExactly(200);
        // a standard server may deliver a notification again
        assertThat(platform.writeVisit(ended(id, patient, t))).containsExactly(200);
        await().until(() -> triggersOf(id).contains("A03"));
        assertThat(triggersOf(id)).containsExactly("A04", "T02", "A03");
        assertThat(journalReceiver.accepted().stream().filter(m -> m.contains("|" + id + "^")).filter(m -> JournalReceiver.trigger(m).equals("T02")))
                .singleElement().asString().contains("J06.9^Akut övre luftvägsinfektion^ICD-10-SE").contains("SE2321000016-DR11");
    }

    @Test
    void emptyNotificationsMakeTheHubFetchWhatChanged() {
        Subscription empty = new Subscription().setStatus(Subscription.SubscriptionStatus.REQUESTED).setCriteria("Encounter?class=VR")
                .setReason("empty notifications");
        empty.getChannel().setType(Subscription.SubscriptionChannelType.RESTHOOK).setEndpoint(endpoint()).addHeader("Authorization: Bearer " + token);
        platform.operatorClient().create().resource(empty).execute();
        String id = "V-" + UUID.randomUUID();
        String patient = TestPersons.next();
        Instant t = clock.instant().minusSeconds(600);
        assertThat(platform.writeVisit(started(id, patient, t))).containsExactly(200);
        assertThat(platform.writeVisit(ended(id, patient, t))).containsExactly(200);
        await().until(() -> triggersOf(id).contains("A03"));
        assertThat(triggersOf(id)).containsExactly("A04", "T02", "A03");
    }

    @Test
    void aNotificationWithoutTheTokenOrWithAnInvalidEncounterIsRefused() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> noToken = http.send(HttpRequest.newBuilder(URI.create(endpoint())).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(noToken.statusCode()).isEqualTo(401);
        Encounter invalid = started("V-" + UUID.randomUUID(), TestPersons.next(), clock.instant());
        invalid.getClass_().setCode("AMB");
        HttpResponse<String> refused = http.send(HttpRequest.newBuilder(URI.create(endpoint() + "/Encounter/x"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/fhir+json")
                .PUT(HttpRequest.BodyPublishers.ofString(FhirContext.forR4Cached().newJsonParser().encodeResourceToString(invalid))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.body()).contains("OperationOutcome").contains("Encounter.class");
    }
}
