package se.vardnav.console;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The hook every console page and action passes: who the user is, and whether they hold a role. The security
 * layer replaces the bean with one that reads an authenticated principal and its roles; until then
 * {@link LoopbackConsoleAccess} lets in only requests from this machine.
 */
public interface ConsoleAccess {

    ConsoleActor actor(HttpServletRequest request);

    /** Throws {@link ConsoleAccessDenied} when the user may not act in this role. */
    void require(ConsoleRole role, HttpServletRequest request);
}
