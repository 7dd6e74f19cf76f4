package se.vardnav.visit;

import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Subscription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Subscription mode: the hub registers an R4 Subscription (channel rest-hook, criteria {@code Encounter}) on the
 * visit platform, and takes its notifications as a standard FHIR server sends them (HAPI FHIR JPA server): the
 * Encounter as payload ({@code PUT <endpoint>/Encounter/<id>}), or an empty {@code POST <endpoint>}, after which the
 * hub asks for the Encounters changed since the last it saw. Either way each Encounter goes through the same
 * {@link VisitIntake} as a push: a notification repeated, or an Encounter both notified and found, is the same version.
 */
public class PlatformSubscription {
    private static final Logger log = LoggerFactory.getLogger(PlatformSubscription.class);
    private final VisitPlatform platform;
    private final VisitIntake intake;
    private final String endpoint;
    private final String payload;
    private final String token;
    private final Duration overlap;
    private final AtomicReference<Instant> since;

    /**
     * @param endpoint where the platform sends notifications (this hub's {@code /visit-platform/notifications})
     * @param payload  {@code application/fhir+json} for full-resource notifications, empty for empty ones
     * @param token    sent back by the platform in the {@code Authorization} header of every notification
     * @param lookback how far back the first search after an empty notification reaches
     * @param overlap  how much each search reaches back before the newest change seen (clocks and commits in flight)
     */
    public PlatformSubscription(VisitPlatform platform, VisitIntake intake, String endpoint, String payload, String token,
                                Clock clock, Duration lookback, Duration overlap) {
        this.platform = platform;
        this.intake = intake;
        this.endpoint = endpoint;
        this.payload = payload;
        this.token = token;
        this.overlap = overlap;
        this.since = new AtomicReference<>(clock.instant().minus(lookback));
    }

    /** Registers (once per endpoint: conditional create); called at start and then now and then, in case the platform lost it. */
    public String register() {
        Subscription s = new Subscription();
        s.setStatus(Subscription.SubscriptionStatus.REQUESTED);
        s.setReason("Vårdnav: visits to the journal system");
        s.setCriteria("Encounter?class=VR");
        s.getChannel().setType(Subscription.SubscriptionChannelType.RESTHOOK).setEndpoint(endpoint);
        if (payload != null && !payload.isBlank()) {
            s.getChannel().setPayload(payload);
        }
        s.getChannel().addHeader("Authorization: Bearer " + token);
        String id = platform.register(s);
        log.info("Subscription on the visit platform's Encounters: {}", id);
        return id;
    }

    /** Whether a notification carries this hub's token. */
    public boolean authentic(String authorization) {
        return authorization != null && java.security.MessageDigest.isEqual(
                authorization.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                ("Bearer " + token).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** An empty notification: take every Encounter changed since the newest seen. Returns how many were taken. */
    public synchronized int pull() {
        Instant from = since.get();
        int taken = 0;
        for (Encounter e : platform.encountersSince(from)) {
            Instant updated = e.getMeta().hasLastUpdated() ? e.getMeta().getLastUpdated().toInstant() : null;
            try {
                intake.accept(e);
                taken++;
            } catch (VisitIntake.Refused refused) {
                // the platform's own content: it cannot be answered here; the problems name elements, never persons
                log.warn("Encounter from the platform refused: {}", refused.getMessage());
            }
            if (updated != null && updated.minus(overlap).isAfter(since.get())) {
                since.set(updated.minus(overlap));
            }
        }
        return taken;
    }
}
