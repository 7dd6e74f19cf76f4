package se.vardnav.console;

import jakarta.servlet.http.HttpServletRequest;
import se.vardnav.letter.print.PrintListController;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Until the hub authenticates people: every role to a request from this machine (or to any request when
 * {@code vardnav.console.loopback-only=false}, for a container whose port is published on the host's loopback only).
 * The actor is the {@code X-Vardnav-User} header set by an authenticating proxy, else "local" — never verified.
 */
public class LoopbackConsoleAccess implements ConsoleAccess {
    private final boolean loopbackOnly;

    public LoopbackConsoleAccess(boolean loopbackOnly) {
        this.loopbackOnly = loopbackOnly;
    }

    @Override
    public ConsoleActor actor(HttpServletRequest request) {
        String header = request.getHeader(PrintListController.ACTOR);
        String name = header == null || header.isBlank() ? ConsoleActor.LOCAL : header.strip();
        if (name.length() > 128 || name.chars().anyMatch(Character::isISOControl)) {
            name = ConsoleActor.LOCAL;
        }
        return new ConsoleActor(name, false);
    }

    @Override
    public void require(ConsoleRole role, HttpServletRequest request) {
        if (loopbackOnly && !isLoopback(request.getRemoteAddr())) {
            throw new ConsoleAccessDenied("the console answers only on this machine until it has a login");
        }
    }

    static boolean isLoopback(String address) {
        try {
            return address != null && InetAddress.getByName(address).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
