package se.vardnav.sim.platform;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.annotation.ConditionalUrlParam;
import ca.uhn.fhir.rest.annotation.Create;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.ResourceParam;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.param.DateRangeParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Subscription;

import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The platform's visits and R4 Subscriptions. A visit written on the platform ({@link #write}) is stored with a new
 * {@code meta.versionId} and {@code meta.lastUpdated} and notified to every active Subscription on Encounter the way
 * HAPI FHIR JPA server's rest-hook delivery does: with a payload ({@code channel.payload} set),
 * {@code PUT <endpoint>/Encounter/<id>} with the resource; without one, {@code POST <endpoint>} with an empty body,
 * after which the subscriber searches {@code Encounter?_lastUpdated=ge…}. {@code channel.header} entries are sent as
 * request headers.
 */
final class VisitProviders {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Map<String, Encounter> encounters = new ConcurrentHashMap<>();
    private final Map<String, Subscription> subscriptions = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final Map<String, org.hl7.fhir.r4.model.Task> tasks = new ConcurrentHashMap<>();

    /** The staff worklist: Tasks created (conditional on identifier), searched by identifier, opened by staff. */
    final IResourceProvider taskProvider = new IResourceProvider() {
        @Override
        public Class<org.hl7.fhir.r4.model.Task> getResourceType() {
            return org.hl7.fhir.r4.model.Task.class;
        }

        @Create
        public MethodOutcome create(@ResourceParam org.hl7.fhir.r4.model.Task t, @ConditionalUrlParam String conditional) {
            String key = t.getIdentifierFirstRep().getSystem() + "|" + t.getIdentifierFirstRep().getValue();
            org.hl7.fhir.r4.model.Task existing = tasks.get(key);
            if (existing != null && conditional != null) {
                return new MethodOutcome(existing.getIdElement(), false);
            }
            t.setId(new IdType("Task", "task-" + ids.incrementAndGet()));
            tasks.put(key, t);
            return new MethodOutcome(t.getIdElement(), true);
        }

        @Search
        public List<org.hl7.fhir.r4.model.Task> byIdentifier(
                @OptionalParam(name = org.hl7.fhir.r4.model.Task.SP_IDENTIFIER) ca.uhn.fhir.rest.param.TokenParam identifier) {
            return tasks.entrySet().stream().filter(e -> identifier == null || e.getKey().equals(identifier.getSystem() + "|" + identifier.getValue()))
                    .map(e -> e.getValue().copy()).toList();
        }
    };

    List<org.hl7.fhir.r4.model.Task> tasks() {
        return tasks.values().stream().map(org.hl7.fhir.r4.model.Task::copy).toList();
    }

    /** Staff open every Task focused on this visit (status in-progress). */
    void openTasksOf(String visitId) {
        tasks.values().stream().filter(t -> visitId.equals(t.getFocus().getIdentifier().getValue()))
                .forEach(t -> t.setStatus(org.hl7.fhir.r4.model.Task.TaskStatus.INPROGRESS));
    }

    final IResourceProvider encounterProvider = new IResourceProvider() {
        @Override
        public Class<Encounter> getResourceType() {
            return Encounter.class;
        }

        @Read
        public Encounter read(@IdParam IdType id) {
            Encounter e = encounters.get(id.getIdPart());
            if (e == null) {
                throw new ResourceNotFoundException(id);
            }
            return e.copy();
        }

        @Search
        public List<Encounter> search(@OptionalParam(name = "_lastUpdated") DateRangeParam lastUpdated) {
            return encounters.values().stream()
                    .filter(e -> within(lastUpdated, e.getMeta().getLastUpdated()))
                    .sorted(Comparator.comparing(e -> e.getMeta().getLastUpdated())).map(Encounter::copy).toList();
        }
    };

    private static boolean within(DateRangeParam range, Date d) {
        if (range == null) {
            return true;
        }
        Date low = range.getLowerBoundAsInstant();
        Date high = range.getUpperBoundAsInstant();
        return (low == null || !d.before(low)) && (high == null || !d.after(high));
    }

    final IResourceProvider subscriptionProvider = new IResourceProvider() {
        @Override
        public Class<Subscription> getResourceType() {
            return Subscription.class;
        }

        /** Conditional create ({@code If-None-Exist: url=<endpoint>}): one Subscription per endpoint. */
        @Create
        public MethodOutcome create(@ResourceParam Subscription s, @ConditionalUrlParam String conditional) {
            if (conditional != null) {
                String decoded = URLDecoder.decode(conditional, StandardCharsets.UTF_8);
                for (Subscription existing : subscriptions.values()) {
                    if (decoded.endsWith("url=" + existing.getChannel().getEndpoint())) {
                        return new MethodOutcome(existing.getIdElement(), false);
                    }
                }
            }
            String id = "sub-" + ids.incrementAndGet();
            s.setId(new IdType("Subscription", id));
            // a standard server activates a requested rest-hook subscription once it has checked it
            s.setStatus(Subscription.SubscriptionStatus.ACTIVE);
            subscriptions.put(id, s);
            return new MethodOutcome(new IdType("Subscription", id), true);
        }

        @Search
        public List<Subscription> all() {
            return subscriptions.values().stream().map(Subscription::copy).toList();
        }
    };

    /**
     * The platform stores a visit (new or changed) and notifies subscribers; the Encounter's id is the platform's
     * visit id. Returns the HTTP status of each notification.
     */
    List<Integer> write(Encounter visit) {
        Encounter stored = visit.copy();
        String id = stored.getIdentifierFirstRep().getValue();
        Encounter before = encounters.get(id);
        long version = before == null ? 1 : Long.parseLong(before.getMeta().getVersionId()) + 1;
        stored.setId(new IdType("Encounter", id));
        stored.getMeta().setVersionId(Long.toString(version));
        if (!stored.getMeta().hasLastUpdated()) {
            stored.getMeta().setLastUpdated(Date.from(Instant.now()));
        }
        encounters.put(id, stored);
        List<Integer> statuses = new ArrayList<>();
        for (Subscription s : subscriptions.values()) {
            if (s.getStatus() == Subscription.SubscriptionStatus.ACTIVE && s.getCriteria().startsWith("Encounter")) {
                statuses.add(notify(s, stored));
            }
        }
        return statuses;
    }

    List<Subscription> subscriptions() {
        return subscriptions.values().stream().map(Subscription::copy).toList();
    }

    void reset() {
        encounters.clear();
        tasks.clear();
    }

    void clearSubscriptions() {
        subscriptions.clear();
    }

    static int push(String hubFhirBase, Encounter e, String token) {
        String id = e.getIdentifierFirstRep().getValue();
        String url = hubFhirBase + "/Encounter?identifier=" + java.net.URLEncoder.encode(se.vardnav.fhir.Fhir.PLATFORM_ENCOUNTER_ID + "|" + id, StandardCharsets.UTF_8);
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        HttpRequest request = builder.header("Content-Type", "application/fhir+json")
                .PUT(HttpRequest.BodyPublishers.ofString(FhirContext.forR4Cached().newJsonParser().encodeResourceToString(e)))
                .timeout(Duration.ofSeconds(10)).build();
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (java.io.IOException ex) {
            return -1;
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static int notify(Subscription s, Encounter e) {
        String endpoint = s.getChannel().getEndpoint();
        HttpRequest.Builder request;
        if (s.getChannel().hasPayload()) {
            String body = FhirContext.forR4Cached().newJsonParser().encodeResourceToString(e);
            request = HttpRequest.newBuilder(URI.create(endpoint + "/Encounter/" + e.getIdElement().getIdPart()))
                    .header("Content-Type", s.getChannel().getPayload() + "; charset=UTF-8")
                    .PUT(HttpRequest.BodyPublishers.ofString(body));
        } else {
            request = HttpRequest.newBuilder(URI.create(endpoint)).POST(HttpRequest.BodyPublishers.noBody());
        }
        for (StringType header : s.getChannel().getHeader()) {
            int sep = header.getValue().indexOf(':');
            if (sep > 0) {
                request.header(header.getValue().substring(0, sep).trim(), header.getValue().substring(sep + 1).trim());
            }
        }
        try {
            return HTTP.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (java.io.IOException ex) {
            return -1;
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
