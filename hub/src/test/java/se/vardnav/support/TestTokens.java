package se.vardnav.support;

import se.vardnav.security.HubRole;
import se.vardnav.security.TokenMinter;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tokens from the tests' issuer (src/test/resources/security, trusted through config/application.yml). By default a
 * test calls as a user holding every role, so a test about a flow needs no token of its own; access tests ask for
 * precise ones.
 */
public final class TestTokens {
    public static final String ISSUER = "https://test-issuer.vardnav.invalid";
    public static final String AUDIENCE = "vardnav-hub";
    /** A request header the test clients turn into the token's user (the hub reads the user from the token only). */
    public static final String USER_HEADER = "X-Vardnav-User";
    public static final String DEFAULT_USER = "test-user";
    private static final TokenMinter MINTER = minter(ISSUER, AUDIENCE);
    private static final Map<String, String> ALL_ROLES = new ConcurrentHashMap<>();

    private TestTokens() {
    }

    /** The default: every hub role, as {@link #DEFAULT_USER}. */
    public static String all() {
        return allRoles(DEFAULT_USER);
    }

    /** Every hub role, as this user (cached: one signature per user and run). */
    public static String allRoles(String user) {
        return ALL_ROLES.computeIfAbsent(user, u -> MINTER.mint(u, EnumSet.allOf(HubRole.class), Duration.ofHours(6)));
    }

    public static String withRoles(String user, HubRole... roles) {
        return MINTER.mint(user, roles.length == 0 ? List.of() : EnumSet.of(roles[0], roles), Duration.ofMinutes(10));
    }

    public static String withClaims(String user, Map<String, Object> claims, Duration validFor) {
        return MINTER.mint(user, claims, validFor);
    }

    /** The same key, another issuer or audience: what a token from elsewhere looks like. */
    public static TokenMinter minter(String issuer, String audience) {
        try (InputStream in = TestTokens.class.getResourceAsStream("/security/test-issuer.key")) {
            return new TokenMinter(TokenMinter.readPrivateKey(in), issuer, audience);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
