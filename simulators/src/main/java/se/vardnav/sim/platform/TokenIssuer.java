package se.vardnav.sim.platform;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The platform's authorization server, as far as the hub meets it: one client (id and secret) that gets opaque
 * bearer tokens by the client-credentials grant, each valid for a lifetime unless expired or revoked on request.
 * Off until {@link #require}: then the FHIR endpoint answers 401 to a request without a token issued here.
 */
final class TokenIssuer {
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Instant> validUntil = new ConcurrentHashMap<>();
    private final AtomicInteger issued = new AtomicInteger();
    private final AtomicInteger refusedClients = new AtomicInteger();
    private final AtomicInteger refusedCalls = new AtomicInteger();
    private final Clock clock = Clock.systemUTC();
    private volatile boolean required;
    private volatile String clientId;
    private volatile String clientSecret;
    private volatile Duration lifetime = Duration.ofMinutes(5);

    void require(String id, String secret) {
        clientId = id;
        clientSecret = secret;
        required = true;
    }

    boolean required() {
        return required;
    }

    void setLifetime(Duration d) {
        lifetime = d;
    }

    Duration lifetime() {
        return lifetime;
    }

    /** A new token for the client, or empty when its id or secret is wrong. */
    Optional<String> issue(String id, String secret) {
        if (!required || id == null || secret == null || !id.equals(clientId) || !secret.equals(clientSecret)) {
            refusedClients.incrementAndGet();
            return Optional.empty();
        }
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        validUntil.put(token, clock.instant().plus(lifetime));
        issued.incrementAndGet();
        return Optional.of(token);
    }

    /** A token for the platform's own operator (installing SearchParameters, writing as staff), not counted as issued to the hub. */
    String operatorToken() {
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        String token = "op-" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        validUntil.put(token, Instant.MAX);
        return token;
    }

    /** Whether a request with this Authorization header may pass; counts those that may not. */
    boolean admits(String authorization) {
        if (!required) {
            return true;
        }
        String token = authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7) ? authorization.substring(7).trim() : null;
        Instant until = token == null ? null : validUntil.get(token);
        if (until != null && clock.instant().isBefore(until)) {
            return true;
        }
        refusedCalls.incrementAndGet();
        return false;
    }

    /** Every token issued so far is no longer valid (as after a key rotation or an administrator's revocation). */
    void revokeAll() {
        validUntil.clear();
    }

    /** Every token issued so far has expired by the platform's clock (the hub may still think it valid). */
    void expireAll() {
        Instant now = clock.instant();
        validUntil.replaceAll((token, until) -> now);
    }

    int issued() {
        return issued.get();
    }

    int refusedClients() {
        return refusedClients.get();
    }

    int refusedCalls() {
        return refusedCalls.get();
    }
}
