package se.vardnav.security;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RolesClaimTest {

    @Test
    void readsHubRolesFromAListAndIgnoresOthers() {
        RolesClaim claim = new RolesClaim(new HubSecurityProperties(null, null, null, null, null));
        assertThat(claim.roles(Map.of("roles", List.of("print", "report", "other-system-role"))))
                .containsExactlyInAnyOrder(HubRole.PRINT, HubRole.REPORT);
    }

    @Test
    void readsASpaceSeparatedStringAndADottedPath() {
        RolesClaim keycloak = new RolesClaim(new HubSecurityProperties(null, "realm_access.roles", null, null, null));
        assertThat(keycloak.roles(Map.of("realm_access", Map.of("roles", List.of("operations"))))).containsExactly(HubRole.OPERATIONS);
        RolesClaim scope = new RolesClaim(new HubSecurityProperties(null, "scope", null, null, null));
        assertThat(scope.roles(Map.of("scope", "openid journal-system"))).containsExactly(HubRole.JOURNAL_SYSTEM);
    }

    @Test
    void renamedRolesGoByTheIssuersNameOnly() {
        RolesClaim claim = new RolesClaim(new HubSecurityProperties(null, null, null, null, Map.of("operations", "VARDNAV_DRIFT")));
        assertThat(claim.roles(Map.of("roles", List.of("VARDNAV_DRIFT")))).containsExactly(HubRole.OPERATIONS);
        assertThat(claim.roles(Map.of("roles", List.of("operations")))).as("the hub's own name no longer counts").isEmpty();
    }

    @Test
    void noClaimNoRoles() {
        RolesClaim claim = new RolesClaim(new HubSecurityProperties(null, null, null, null, null));
        assertThat(claim.roles(Map.of("sub", "x"))).isEmpty();
        assertThat(claim.roles(Map.of("roles", 42))).isEmpty();
    }
}
