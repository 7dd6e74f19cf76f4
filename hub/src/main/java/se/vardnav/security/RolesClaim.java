package se.vardnav.security;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A token's hub roles, read from the configured claim: the claim's values that name a hub role (after renaming)
 * become its authorities; anything else in the claim is ignored, so an issuer shared with other systems is fine.
 */
public class RolesClaim implements Converter<Jwt, Collection<GrantedAuthority>> {
    private final HubSecurityProperties props;

    public RolesClaim(HubSecurityProperties props) {
        this.props = props;
    }

    @Override
    public Collection<GrantedAuthority> convert(Jwt jwt) {
        return roles(jwt.getClaims()).stream().map(r -> (GrantedAuthority) new SimpleGrantedAuthority(r.authority())).toList();
    }

    Set<HubRole> roles(Map<String, Object> claims) {
        List<String> values = values(claims);
        Set<HubRole> roles = EnumSet.noneOf(HubRole.class);
        for (HubRole role : HubRole.values()) {
            if (values.contains(props.claimValue(role))) {
                roles.add(role);
            }
        }
        return roles;
    }

    private List<String> values(Map<String, Object> claims) {
        Object value = claims;
        for (String step : props.rolesClaim().split("\\.")) {
            value = value instanceof Map<?, ?> map ? map.get(step) : null;
        }
        List<String> values = new ArrayList<>();
        if (value instanceof String s) {
            values.addAll(List.of(s.trim().split("\\s+")));
        } else if (value instanceof Collection<?> c) {
            c.forEach(v -> values.add(String.valueOf(v)));
        }
        return values;
    }
}
