package se.vardnav.console.web;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.servlet.HandlerInterceptor;
import se.vardnav.console.ConsoleAccess;
import se.vardnav.console.ConsoleAccessDenied;
import se.vardnav.console.ConsoleRole;

import java.net.URI;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Every console request: the access hook for the page's role, and for a form post a token that only the console's
 * own pages carry (double-submit cookie) plus a same-origin check, so another web page open in the same browser
 * cannot stop a route or replay a message.
 */
public class ConsoleGuard implements HandlerInterceptor {
    public static final String TOKEN_COOKIE = "vardnav_console_token";
    public static final String TOKEN_PARAM = "_token";
    public static final String TOKEN_ATTRIBUTE = "consoleToken";
    private static final SecureRandom RANDOM = new SecureRandom();
    private final ConsoleAccess access;

    public ConsoleGuard(ConsoleAccess access) {
        this.access = access;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        access.require(roleOf(request.getRequestURI()), request);
        String token = cookie(request);
        if ("POST".equalsIgnoreCase(request.getMethod())) {
            String sent = request.getParameter(TOKEN_PARAM);
            if (token == null || !token.equals(sent) || !sameOrigin(request)) {
                throw new ConsoleAccessDenied("this form did not come from the console; reload the page and try again");
            }
        }
        if (token == null) {
            byte[] bytes = new byte[16];
            RANDOM.nextBytes(bytes);
            token = HexFormat.of().formatHex(bytes);
            Cookie cookie = new Cookie(TOKEN_COOKIE, token);
            cookie.setPath("/console");
            cookie.setHttpOnly(true);
            cookie.setAttribute("SameSite", "Strict");
            response.addCookie(cookie);
        }
        request.setAttribute(TOKEN_ATTRIBUTE, token);
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("X-Frame-Options", "SAMEORIGIN");
        // not no-referrer: a browser then sends "Origin: null" with the console's own forms
        response.setHeader("Referrer-Policy", "same-origin");
        return true;
    }

    /** Print pages for print staff, the report for report readers, the audit trail for auditors, everything else for operations. */
    static ConsoleRole roleOf(String path) {
        if (path.startsWith("/console/print-list")) {
            return ConsoleRole.PRINT;
        }
        if (path.startsWith("/console/report")) {
            return ConsoleRole.REPORT;
        }
        if (path.startsWith("/console/audit")) {
            return ConsoleRole.AUDITOR;
        }
        return ConsoleRole.OPERATIONS;
    }

    private static String cookie(HttpServletRequest request) {
        if (request.getCookies() == null) {
            return null;
        }
        for (Cookie c : request.getCookies()) {
            if (TOKEN_COOKIE.equals(c.getName()) && c.getValue() != null && c.getValue().matches("[0-9a-f]{32}")) {
                return c.getValue();
            }
        }
        return null;
    }

    /** A browser names the page a form came from; if it does, that must be this host. */
    private static boolean sameOrigin(HttpServletRequest request) {
        String origin = request.getHeader("Origin");
        if (origin == null || origin.equals("null")) {
            return origin == null;
        }
        try {
            URI o = URI.create(origin);
            String host = request.getHeader("Host");
            return host != null && host.equalsIgnoreCase(o.getHost() + (o.getPort() < 0 ? "" : ":" + o.getPort()));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
