package se.vardnav.sim.platform;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * {@code POST /platform/oauth/token}: the OAuth 2.0 token endpoint (RFC 6749 §4.4, client credentials). The client
 * authenticates with HTTP Basic ({@code client_secret_basic}) or in the form ({@code client_secret_post}); the
 * answer is the standard JSON, an error is {@code {"error": …}} with 400 or 401.
 */
final class TokenEndpoint extends HttpServlet {
    private final transient TokenIssuer issuer;

    TokenEndpoint(TokenIssuer issuer) {
        this.issuer = issuer;
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        if (!"client_credentials".equals(req.getParameter("grant_type"))) {
            error(resp, 400, "unsupported_grant_type", "only client_credentials is supported");
            return;
        }
        String id = req.getParameter("client_id");
        String secret = req.getParameter("client_secret");
        String basic = req.getHeader("Authorization");
        if (basic != null && basic.regionMatches(true, 0, "Basic ", 0, 6)) {
            String[] pair = new String(Base64.getDecoder().decode(basic.substring(6).trim()), StandardCharsets.UTF_8).split(":", 2);
            id = decode(pair[0]);
            secret = pair.length > 1 ? decode(pair[1]) : null;
        }
        Optional<String> token = issuer.issue(id, secret);
        if (token.isEmpty()) {
            resp.setHeader("WWW-Authenticate", "Basic realm=\"platform\"");
            error(resp, 401, "invalid_client", "client authentication failed");
            return;
        }
        json(resp, 200, "{\"access_token\":\"" + token.get() + "\",\"token_type\":\"Bearer\",\"expires_in\":"
                + issuer.lifetime().toSeconds() + "}");
    }

    /** RFC 6749 §2.3.1: the id and secret are form-urlencoded before they are put in the Basic header. */
    private static String decode(String s) {
        return java.net.URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    private static void error(HttpServletResponse resp, int status, String error, String description) throws IOException {
        json(resp, status, "{\"error\":\"" + error + "\",\"error_description\":\"" + description + "\"}");
    }

    private static void json(HttpServletResponse resp, int status, String body) throws IOException {
        resp.setStatus(status);
        resp.setHeader("Cache-Control", "no-store");
        resp.setContentType("application/json;charset=UTF-8");
        resp.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
    }
}
