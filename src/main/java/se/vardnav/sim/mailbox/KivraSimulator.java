package se.vardnav.sim.mailbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import se.vardnav.sim.EmbeddedHttpServer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kivra's sender REST API on its own loopback port: OAuth2 client credentials at {@code /v1/auth},
 * {@code POST /v2/tenant/{tenantKey}/usermatch/ssn} and {@code POST /v2/tenant/{tenantKey}/content}
 * (201 with {@code kivra-objkey}; identical payloads are delivered once). Only users added with
 * {@link #addUser} match. Base URL: {@code http://127.0.0.1:<port>}.
 */
public final class KivraSimulator implements AutoCloseable {
    public static final String TOKEN_PATH = "/v1/auth";
    private static final Pattern TENANT = Pattern.compile("/v2/tenant/([^/]+)/(usermatch/ssn|content)");

    private final String tenantKey;
    private final String clientId;
    private final String clientSecret;
    private final ObjectMapper json = new ObjectMapper();
    private final Set<String> users = ConcurrentHashMap.newKeySet();
    private final Set<String> tokens = ConcurrentHashMap.newKeySet();
    private final Map<JsonNode, String> keysByPayload = new ConcurrentHashMap<>();
    private final List<KivraContent> contents = new CopyOnWriteArrayList<>();
    private final AtomicInteger tokensIssued = new AtomicInteger();
    private final AtomicInteger contentRequests = new AtomicInteger();
    private final GatedServlet gate;
    private final EmbeddedHttpServer server;

    public KivraSimulator(int port, String tenantKey, String clientId, String clientSecret) {
        this.tenantKey = tenantKey;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        gate = new GatedServlet(new Api());
        server = new EmbeddedHttpServer(port, "", "/*", gate);
    }

    public KivraSimulator start() {
        server.start();
        return this;
    }

    public String tenantKey() { return tenantKey; }

    public String clientId() { return clientId; }

    public String clientSecret() { return clientSecret; }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.port();
    }

    /** This person has a Kivra account that accepts content from the tenant. */
    public void addUser(String ssn) { users.add(ssn); }

    /** The person no longer matches: usermatch leaves them out, content for them is refused. */
    public void removeUser(String ssn) { users.remove(ssn); }

    public void goDown() { server.goDown(); }

    public void comeUp() { server.comeUp(); }

    /** The next n requests (token, usermatch or content) get HTTP 503. */
    public void failNext(int n) { gate.failNext(n); }

    public void setDelay(Duration delay) { gate.setDelay(delay); }

    /** Revokes every issued token: the next call with one gets 401. */
    public void revokeTokens() { tokens.clear(); }

    public int tokensIssued() { return tokensIssued.get(); }

    /** Content requests answered 201, duplicates included. */
    public int contentRequests() { return contentRequests.get(); }

    public List<KivraContent> contents() { return List.copyOf(contents); }

    /** Forgets users, tokens, contents, counters and controls. */
    public void clear() {
        users.clear();
        tokens.clear();
        keysByPayload.clear();
        contents.clear();
        tokensIssued.set(0);
        contentRequests.set(0);
        gate.clear();
        server.comeUp();
    }

    @Override
    public void close() {
        server.close();
    }

    private final class Api extends HttpServlet {
        @Override
        protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            String path = req.getRequestURI();
            if (TOKEN_PATH.equals(path)) {
                token(req, resp);
                return;
            }
            Matcher m = TENANT.matcher(path);
            if (!m.matches()) {
                error(resp, 404, "not found");
                return;
            }
            if (!authorized(req)) {
                error(resp, 401, "invalid or expired token");
                return;
            }
            if (!tenantKey.equals(m.group(1))) {
                error(resp, 403, "unknown tenant");
                return;
            }
            JsonNode body;
            try {
                body = json.readTree(req.getInputStream());
            } catch (IOException e) {
                error(resp, 400, "invalid JSON");
                return;
            }
            if (m.group(2).equals("content")) {
                content(body, resp);
            } else {
                usermatch(body, resp);
            }
        }

        private void token(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            String expected = "Basic " + Base64.getEncoder().encodeToString((clientId + ":" + clientSecret).getBytes(StandardCharsets.UTF_8));
            if (!expected.equals(req.getHeader("Authorization")) || !"client_credentials".equals(req.getParameter("grant_type"))) {
                error(resp, 401, "invalid client");
                return;
            }
            String token = UUID.randomUUID().toString();
            tokens.add(token);
            tokensIssued.incrementAndGet();
            ObjectNode answer = json.createObjectNode();
            answer.put("access_token", token);
            answer.put("token_type", "bearer");
            answer.put("expires_in", 3600);
            write(resp, 200, answer);
        }

        private void usermatch(JsonNode body, HttpServletResponse resp) throws IOException {
            ObjectNode answer = json.createObjectNode();
            var list = answer.putArray("list");
            for (JsonNode ssn : body.path("list")) {
                if (users.contains(ssn.asText())) {
                    list.add(ssn.asText());
                }
            }
            write(resp, 200, answer);
        }

        private void content(JsonNode body, HttpServletResponse resp) throws IOException {
            String ssn = body.path("ssn").asText("");
            if (!ssn.matches("\\d{12}") || body.path("subject").asText("").isBlank()
                    || !body.path("generated_at").isTextual() || !body.path("parts").isArray() || body.path("parts").isEmpty()) {
                error(resp, 400, "ssn, subject, generated_at and parts are required");
                return;
            }
            if (!users.contains(ssn)) {
                error(resp, 400, "user not found");
                return;
            }
            List<KivraContent.Part> parts = new ArrayList<>();
            for (JsonNode part : body.path("parts")) {
                byte[] data;
                try {
                    data = Base64.getDecoder().decode(part.path("data").asText(""));
                } catch (IllegalArgumentException e) {
                    error(resp, 400, "part data is not base64");
                    return;
                }
                parts.add(new KivraContent.Part(part.path("name").asText(), part.path("content_type").asText(), data.length, md5(data)));
            }
            String key = keysByPayload.computeIfAbsent(body, b -> {
                String newKey = UUID.randomUUID().toString().replace("-", "");
                contents.add(new KivraContent(newKey, ssn, b.path("subject").asText(), b.path("type").asText(null),
                        b.path("generated_at").asText(), List.copyOf(parts), booking(b.path("booking"))));
                return newKey;
            });
            contentRequests.incrementAndGet();
            resp.setHeader("kivra-objkey", key);
            ObjectNode answer = json.createObjectNode();
            answer.put("key", key);
            write(resp, 201, answer);
        }

        private KivraContent.Booking booking(JsonNode b) {
            if (b.isMissingNode() || b.isNull()) {
                return null;
            }
            return new KivraContent.Booking(b.path("title").asText(null), b.path("start_time").asText(null),
                    b.path("end_time").asText(null), b.path("location").asText(null), b.path("description").asText(null),
                    b.path("info_url").asText(null));
        }

        private boolean authorized(HttpServletRequest req) {
            String auth = req.getHeader("Authorization");
            return auth != null && auth.startsWith("Bearer ") && tokens.contains(auth.substring("Bearer ".length()));
        }

        private void error(HttpServletResponse resp, int status, String message) throws IOException {
            ObjectNode answer = json.createObjectNode();
            answer.put("code", String.valueOf(status));
            answer.put("short_message", message);
            write(resp, status, answer);
        }

        private void write(HttpServletResponse resp, int status, JsonNode body) throws IOException {
            resp.setStatus(status);
            resp.setContentType("application/json");
            resp.setCharacterEncoding("UTF-8");
            resp.getWriter().write(json.writeValueAsString(body));
        }
    }

    private static String md5(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
