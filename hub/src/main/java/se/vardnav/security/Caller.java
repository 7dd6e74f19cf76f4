package se.vardnav.security;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Who is calling, as the token says: the user (or system) id, its hub roles and, for a person, the stated purpose
 * (PDL). What the console audit records today and an access log can record per request.
 */
public record Caller(String id, Set<HubRole> roles, String purpose) {
    /**
     * The caller of the request being handled on this thread, if it was authenticated.
     *
     * @param purposeClaim the claim stating the purpose ({@link HubSecurityProperties#purposeClaim()})
     */
    public static Optional<Caller> current(String purposeClaim) {
        return of(SecurityContextHolder.getContext().getAuthentication(), purposeClaim);
    }

    public static Optional<Caller> of(Authentication authentication, String purposeClaim) {
        if (!(authentication instanceof JwtAuthenticationToken jwt) || !jwt.isAuthenticated()) {
            return Optional.empty();
        }
        Set<HubRole> roles = EnumSet.noneOf(HubRole.class);
        jwt.getAuthorities().forEach(a -> HubRole.byAuthority(a.getAuthority()).ifPresent(roles::add));
        Object purpose = jwt.getTokenAttributes().get(purposeClaim);
        return Optional.of(new Caller(jwt.getName(), roles, purpose == null ? null : purpose.toString()));
    }

    public boolean has(HubRole role) {
        return roles.contains(role);
    }
}
