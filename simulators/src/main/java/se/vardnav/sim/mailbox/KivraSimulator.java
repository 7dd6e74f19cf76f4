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
 * {@link #addUser} match. Every API request is checked against Kivra's published OpenAPI
 * ({@link KivraContract}: path, method, headers, body) and so is every answer it gives; a content over
 * Kivra's 1 MB per content is refused (413). What did not hold is in {@link #violations()} — tests
 * assert it stays empty. Base URL: {@code http(s)://127.0.0.1:<port>}.
 */
public final class KivraSimulator implements AutoCloseable {
    public static final String TOKEN_PATH = "/v1/auth";
    /** Kivra's limit for a whole content (JSON with its base64 PDFs) per recipient. */
    public static final int MAX_CONTENT_BYTES = 1_000_000;
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
    private final List<String> violations = new CopyOnWriteArrayList<>();
    private final List<KivraRequest> requests = new CopyOnWriteArrayList<>();
    private final KivraContract contract = KivraContract.load();
    private final se.vardnav.sim.ServerTls tls;
    private final GatedServlet gate;
    private final EmbeddedHttpServer server;

    public KivraSimulator(int port, String tenantKey, String clientId, String clientSecret) {
        this(port, tenantKey, clientId, clientSecret, null);
    }

    /** @param tls serve HTTPS and require a client certificate (null: plain HTTP) */
    public KivraSimulator(int port, String tenantKey, String clientId, String clientSecret, se.vardnav.sim.ServerTls tls) {
        this.tenantKey = tenantKey;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.tls = tls;
        gate = new GatedServlet(new Api());
        server = new EmbeddedHttpServer(port, "", "/*", gate, tls);
    }

    public KivraSimulator start() {
        server.start();
        return this;
    }

    public String tenantKey() { return tenantKey; }

    public String clientId() { return clientId; }

    public String clientSecret() { return clientSecret; }

    public String baseUrl() {
        return (tls == null ? "http" : "https") + "://127.0.0.1:" + server.port();
    }

    /** Every API request as received (method, path, headers, body), for checks of one's own against the contract. */
    public List<KivraRequest> received() { return List.copyOf(requests); }

    /** Requests and answers that broke Kivra's published contract (or its 1 MB limit), with why. */
    public List<String> violations() { return List.copyOf(violations); }

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
        violations.clear();
        requests.clear();
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
        protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            String path = req.getRequestURI();
            if (TOKEN_PATH.equals(path)) {
                token(req, resp);
                return;
            }
            byte[] raw = req.getInputStream().readAllBytes();
            String body = raw.length == 0 ? null : new String(raw, StandardCharsets.UTF_8);
            requests.add(new KivraRequest(req.getMethod(), path, Map.copyOf(headers(req)), body));
            List<String> problems = contract.requestProblems(req.getMethod(), path, headers(req), body);
            if (!problems.isEmpty()) {
                violations.add("request " + req.getMethod() + " " + path + ": " + String.join("; ", problems));
                error(req, resp, 400, "40000", "Request validation failed");
                return;
            }
            Matcher m = TENANT.matcher(path);
            if (!m.matches()) {
                error(req, resp, 404, "40400", "Not found");
                return;
            }
            if (!authorized(req)) {
                error(req, resp, 401, "40100", "Unauthorized");
                return;
            }
            if (!tenantKey.equals(m.group(1))) {
                error(req, resp, 403, "40300", "Forbidden");
                return;
            }
            JsonNode json;
            try {
                json = KivraSimulator.this.json.readTree(raw);
            } catch (IOException e) {
                error(req, resp, 400, "40008", "Unprocessable Entity");
                return;
            }
            if (m.group(2).equals("content")) {
                if (raw.length >= MAX_CONTENT_BYTES) {
                    violations.add("request POST " + path + ": content of " + raw.length + " bytes, Kivra takes under 1 MB per content");
                    error(req, resp, 413, "41300", "Request Entity Too Large");
                    return;
                }
                content(req, json, resp);
            } else {
                usermatch(req, json, resp);
            }
        }

        /** OAuth2 client credentials as Kivra's API introduction describes it (not a path of the OpenAPI). */
        private void token(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            String expected = "Basic " + Base64.getEncoder().encodeToString((clientId + ":" + clientSecret).getBytes(StandardCharsets.UTF_8));
            String type = req.getContentType() == null ? "" : req.getContentType();
            if (!"POST".equals(req.getMethod()) || !type.startsWith("application/x-www-form-urlencoded")) {
                violations.add("token request: " + req.getMethod() + " with content type '" + type + "', expected a form POST");
                error(req, resp, 400, "40001", "Invalid Request");
                return;
            }
            if (!expected.equals(req.getHeader("Authorization")) || !"client_credentials".equals(req.getParameter("grant_type"))) {
                error(req, resp, 401, "40104", "Invalid Client");
                return;
            }
            String token = UUID.randomUUID().toString();
            tokens.add(token);
            tokensIssued.incrementAndGet();
            ObjectNode answer = json.createObjectNode();
            answer.put("state", "");
            answer.put("access_token", token);
            answer.put("expires_in", 28800);
            answer.put("scope", "kivra.v1.tenant." + tenantKey + ".*");
            answer.put("token_type", "bearer");
            write(req, resp, 200, answer, Map.of());
        }

        private void usermatch(HttpServletRequest req, JsonNode body, HttpServletResponse resp) throws IOException {
            ObjectNode answer = json.createObjectNode();
            var list = answer.putArray("list");
            for (JsonNode ssn : body.path("list")) {
                if (users.contains(ssn.asText())) {
                    list.add(ssn.asText());
                }
            }
            write(req, resp, 200, answer, Map.of());
        }

        private void content(HttpServletRequest req, JsonNode body, HttpServletResponse resp) throws IOException {
            String ssn = body.path("ssn").asText("");
            if (!ssn.matches("\\d{12}")) {
                error(req, resp, 400, "40009", "Error in SSN");
                return;
            }
            if (!users.contains(ssn)) {
                error(req, resp, 400, "40032", "User doesn't exist");
                return;
            }
            List<KivraContent.Part> parts = new ArrayList<>();
            for (JsonNode part : body.path("parts")) {
                byte[] data;
                try {
                    data = Base64.getDecoder().decode(part.path("data").asText(""));
                } catch (IllegalArgumentException e) {
                    error(req, resp, 400, "40019", "Invalid Files");
                    return;
                }
                String type = part.path("content_type").asText();
                parts.add(new KivraContent.Part(part.path("name").asText(), type, data.length, md5(data),
                        type.startsWith("text/") ? new String(data, StandardCharsets.UTF_8) : null));
            }
            // duplicate control: the complete payload except generated_at
            ObjectNode key = body.deepCopy();
            key.remove("generated_at");
            String objectKey = keysByPayload.computeIfAbsent(key, b -> {
                String newKey = UUID.randomUUID().toString().replace("-", "");
                contents.add(new KivraContent(newKey, ssn, body.path("subject").asText(), body.path("type").asText(null),
                        body.path("generated_at").asText(null), List.copyOf(parts), booking(body.path("booking"))));
                return newKey;
            });
            contentRequests.incrementAndGet();
            // the published 201: the content's subject, generated_at and type; its key in the kivra-objkey header
            ObjectNode answer = json.createObjectNode();
            for (String field : List.of("subject", "generated_at", "type")) {
                if (body.hasNonNull(field)) {
                    answer.set(field, body.get(field));
                }
            }
            write(req, resp, 201, answer, Map.of("kivra-objkey", objectKey));
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

        /** Kivra's error object (code, short_message, long_message) and its x-error-code header. */
        private void error(HttpServletRequest req, HttpServletResponse resp, int status, String code, String message) throws IOException {
            ObjectNode answer = json.createObjectNode();
            answer.put("code", code);
            answer.put("short_message", message);
            answer.put("long_message", message);
            resp.setHeader("x-error-code", code);
            resp.setStatus(status);
            resp.setContentType("application/json");
            resp.setCharacterEncoding("UTF-8");
            resp.getWriter().write(json.writeValueAsString(answer));
        }

        /** A success answer, checked against the operation's published responses before it leaves. */
        private void write(HttpServletRequest req, HttpServletResponse resp, int status, JsonNode body, Map<String, String> headers)
                throws IOException {
            String text = json.writeValueAsString(body);
            if (!TOKEN_PATH.equals(req.getRequestURI())) {
                Map<String, String> all = new java.util.HashMap<>(headers);
                all.put("Content-Type", "application/json");
                List<String> problems = contract.responseProblems(req.getMethod(), req.getRequestURI(), status, all, text);
                if (!problems.isEmpty()) {
                    violations.add("answer " + req.getMethod() + " " + req.getRequestURI() + " " + status + ": " + String.join("; ", problems));
                }
            }
            headers.forEach(resp::setHeader);
            resp.setStatus(status);
            resp.setContentType("application/json");
            resp.setCharacterEncoding("UTF-8");
            resp.getWriter().write(text);
        }

        private Map<String, String> headers(HttpServletRequest req) {
            Map<String, String> headers = new java.util.LinkedHashMap<>();
            for (String name : java.util.Collections.list(req.getHeaderNames())) {
                headers.put(name, req.getHeader(name));
            }
            return headers;
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
