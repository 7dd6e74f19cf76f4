package se.vardnav.console;

import se.vardnav.security.Caller;
import se.vardnav.security.HubRole;
import se.vardnav.security.HubSecurityProperties;

import jakarta.servlet.http.HttpServletRequest;

/** The console's users are the token's: the user claim names the actor (verified), the roles claim grants the pages. */
public class AuthenticatedConsoleAccess implements ConsoleAccess {
    private final HubSecurityProperties props;

    public AuthenticatedConsoleAccess(HubSecurityProperties props) {
        this.props = props;
    }

    @Override
    public ConsoleActor actor(HttpServletRequest request) {
        return Caller.current(props.purposeClaim()).map(c -> new ConsoleActor(c.id(), true))
                .orElseThrow(() -> new ConsoleAccessDenied("the console needs a signed-in user"));
    }

    @Override
    public void require(ConsoleRole role, HttpServletRequest request) {
        HubRole needed = switch (role) {
            case OPERATIONS -> HubRole.OPERATIONS;
            case PRINT -> HubRole.PRINT;
            case REPORT -> HubRole.REPORT;
            case AUDITOR -> HubRole.AUDITOR;
        };
        if (Caller.current(props.purposeClaim()).filter(c -> c.has(needed)).isEmpty()) {
            throw new ConsoleAccessDenied("this page needs the role " + needed.id());
        }
    }
}
