package se.vardnav.visit;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import ca.uhn.fhir.rest.client.apache.ApacheRestfulClientFactory;
import ca.uhn.fhir.rest.gclient.DateClientParam;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Subscription;
import org.hl7.fhir.r4.model.Task;
import se.vardnav.connector.platform.PlatformTokens;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

/**
 * What the visit flow asks of the visit platform's FHIR server: its Subscription on Encounter, the Encounters changed
 * since a time (after an empty rest-hook notification), and staff Tasks. Failures are mapped as the booking flow's
 * client maps them (transient: retried; refused: dead letter), and calls carry the same access token (a 401 renews it).
 */
public class VisitPlatform {
    private final IGenericClient client;
    private final PlatformTokens tokens;

    public VisitPlatform(String baseUrl, Duration socketTimeout, Duration connectTimeout) {
        this(baseUrl, socketTimeout, connectTimeout, PlatformTokens.none());
    }

    /** @param tokens the hub's access token for the platform, shared with the booking flow's client */
    public VisitPlatform(String baseUrl, Duration socketTimeout, Duration connectTimeout, PlatformTokens tokens) {
        this.tokens = tokens;
        // own context: timeouts set on a shared one would change every other client
        FhirContext ctx = FhirContext.forR4();
        ApacheRestfulClientFactory factory = new ApacheRestfulClientFactory(ctx);
        ctx.setRestfulClientFactory(factory);
        factory.setSocketTimeout(Math.toIntExact(socketTimeout.toMillis()));
        factory.setConnectTimeout(Math.toIntExact(connectTimeout.toMillis()));
        factory.setConnectionRequestTimeout(Math.toIntExact(connectTimeout.toMillis()));
        factory.setServerValidationMode(ServerValidationModeEnum.NEVER);
        client = factory.newGenericClient(baseUrl);
        client.registerInterceptor(PlatformTokens.bearer(tokens));
    }

    /** One Subscription per endpoint: conditional create on {@code url} (the channel endpoint). */
    public String register(Subscription subscription) {
        return tokens.call(() -> {
            MethodOutcome outcome = client.create().resource(subscription)
                    .conditionalByUrl("Subscription?url=" + subscription.getChannel().getEndpoint()).execute();
            return outcome.getId() == null ? null : outcome.getId().toUnqualifiedVersionless().getValue();
        });
    }

    /** Encounters whose last update is at or after {@code since}, oldest first, every page. */
    public List<Encounter> encountersSince(Instant since) {
        return tokens.call(() -> {
            Bundle page = client.search().forResource(Encounter.class)
                    .where(new DateClientParam("_lastUpdated").afterOrEquals().millis(Date.from(since)))
                    .sort().ascending("_lastUpdated")
                    .cacheControl(new ca.uhn.fhir.rest.api.CacheControlDirective().setNoCache(true))
                    .returnBundle(Bundle.class).execute();
            List<Encounter> found = new ArrayList<>();
            while (true) {
                page.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
                        .filter(Encounter.class::isInstance).map(Encounter.class::cast).forEach(found::add);
                if (page.getLink(Bundle.LINK_NEXT) == null) {
                    return found;
                }
                page = client.loadPage().next(page).execute();
            }
        });
    }

    /** The Appointments the platform shows a patient ({@code patient-identifier}, the hub's SearchParameter), every page. */
    public List<org.hl7.fhir.r4.model.Appointment> appointmentsOf(String system, String value) {
        return tokens.call(() -> {
            Bundle page = client.search().byUrl("Appointment?patient-identifier=" + java.net.URLEncoder.encode(system + "|" + value, java.nio.charset.StandardCharsets.UTF_8))
                    .cacheControl(new ca.uhn.fhir.rest.api.CacheControlDirective().setNoCache(true)).returnBundle(Bundle.class).execute();
            List<org.hl7.fhir.r4.model.Appointment> found = new ArrayList<>();
            while (true) {
                page.getEntry().stream().map(Bundle.BundleEntryComponent::getResource).filter(org.hl7.fhir.r4.model.Appointment.class::isInstance)
                        .map(org.hl7.fhir.r4.model.Appointment.class::cast).forEach(found::add);
                if (page.getLink(Bundle.LINK_NEXT) == null) {
                    return found;
                }
                page = client.loadPage().next(page).execute();
            }
        });
    }

    /** The status of the Task with this identifier, if the platform has it. */
    public java.util.Optional<Task.TaskStatus> taskStatus(String identifierSystem, String identifier) {
        return tokens.call(() -> {
            Bundle found = client.search().forResource(Task.class)
                    .where(Task.IDENTIFIER.exactly().systemAndCode(identifierSystem, identifier))
                    .cacheControl(new ca.uhn.fhir.rest.api.CacheControlDirective().setNoCache(true))
                    .returnBundle(Bundle.class).execute();
            return found.getEntry().stream().map(Bundle.BundleEntryComponent::getResource).filter(Task.class::isInstance)
                    .map(r -> ((Task) r).getStatus()).findFirst();
        });
    }

    /** Creates the Task unless one with the same identifier exists (conditional create): a retry makes no second. */
    public void createTask(Task task, String identifierSystem, String identifier) {
        tokens.call(() -> client.create().resource(task).conditionalByUrl("Task?identifier=" + identifierSystem + "|" + identifier).execute());
    }
}
