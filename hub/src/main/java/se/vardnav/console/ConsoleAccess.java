package se.vardnav.console;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The hook every console page and action passes: who the user is, and whether they hold a role. The security
 * layer's implementation reads the authenticated principal and its roles (se.vardnav.security).
 */
public interface ConsoleAccess {

    ConsoleActor actor(HttpServletRequest request);

    /** Throws {@link ConsoleAccessDenied} when the user may not act in this role. */
    void require(ConsoleRole role, HttpServletRequest request);
}
