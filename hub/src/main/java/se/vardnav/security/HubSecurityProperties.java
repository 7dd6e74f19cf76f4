package se.vardnav.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.util.Map;

/**
 * How the region's tokens name users and roles. The issuer, its keys and the audience are Spring's own settings
 * ({@code spring.security.oauth2.resourceserver.jwt.issuer-uri, jwk-set-uri or public-key-location, audiences}).
 *
 * @param issuer       the {@code iss} every token must carry when the keys are configured directly (jwk-set-uri or
 *                     public-key-location); with issuer-uri Spring checks it already
 * @param rolesClaim   the claim holding the caller's roles: a list or a space-separated string; a dotted path reaches
 *                     into an object ({@code realm_access.roles} for Keycloak)
 * @param userClaim    the claim naming the user or system, as the console audit and print log record it
 * @param purposeClaim the claim stating why a person accesses data (PDL), kept for the audit log if present
 * @param roleNames    a hub role's name in the roles claim when the issuer names it otherwise
 *                     ({@code operations: VARDNAV_DRIFT}); unlisted roles go by their own name
 */
@ConfigurationProperties("vardnav.security")
public record HubSecurityProperties(String issuer, String rolesClaim, String userClaim, String purposeClaim, Map<String, String> roleNames) {
    public HubSecurityProperties {
        rolesClaim = rolesClaim == null || rolesClaim.isBlank() ? "roles" : rolesClaim;
        userClaim = userClaim == null || userClaim.isBlank() ? "sub" : userClaim;
        purposeClaim = purposeClaim == null || purposeClaim.isBlank() ? "purpose" : purposeClaim;
        roleNames = roleNames == null ? Map.of() : Map.copyOf(roleNames);
    }

    /** The name the claim uses for a hub role. */
    public String claimValue(HubRole role) {
        return roleNames.getOrDefault(role.id(), role.id());
    }
}
