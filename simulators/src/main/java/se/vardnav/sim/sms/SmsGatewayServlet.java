package se.vardnav.sim.sms;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;

/** Both gateway protocols on one port: {@code /a1/sms} (46elks-style) and {@code /cgi-bin/sendsms} (Kannel). */
final class SmsGatewayServlet extends HttpServlet {
    private static final Pattern E164 = Pattern.compile("\\+[1-9]\\d{6,14}");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final transient SmsSimState state;
    private final String user;
    private volatile String password;
    private final transient BiConsumer<ReceivedSms, Boolean> autoReporter;

    SmsGatewayServlet(SmsSimState state, String user, String password, BiConsumer<ReceivedSms, Boolean> autoReporter) {
        this.state = state;
        this.user = user;
        this.password = password;
        this.autoReporter = autoReporter;
    }

    /** The operator changes the account's password: requests with the old one are refused from now on. */
    void setPassword(String password) {
        this.password = password;
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        int generation = state.generation();
        state.pause();
        if (generation != state.generation()) {
            text(resp, 503, "Simulator was reset");
            return;
        }
        String path = req.getRequestURI();
        if ("/a1/sms".equals(path) && "POST".equals(req.getMethod())) {
            elks(req, resp);
        } else if ("/cgi-bin/sendsms".equals(path) && "GET".equals(req.getMethod())) {
            kannel(req, resp);
        } else {
            text(resp, 404, "Not found");
        }
    }

    // Order as a real gateway fails: injected outage, then credentials, then content.
    private void elks(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        int failure = state.takeFailure();
        if (failure != 0) {
            error(resp, failure, "Simulated failure");
            return;
        }
        if (!basicAuthOk(req.getHeader("Authorization"))) {
            resp.setHeader("WWW-Authenticate", "Basic realm=\"sms\"");
            error(resp, 401, "Wrong API credentials");
            return;
        }
        req.setCharacterEncoding("UTF-8");
        String from = req.getParameter("from");
        String to = req.getParameter("to");
        String message = req.getParameter("message");
        if (isBlank(from) || isBlank(to) || isBlank(message)) {
            error(resp, 400, "Missing key: from, to and message are required");
            return;
        }
        if (!E164.matcher(to).matches()) {
            error(resp, 400, "Invalid 'to' number");
            return;
        }
        if (state.isRefused(to)) {
            // echoes the number on purpose, as gateways do: the client must keep it out of its errors
            error(resp, 400, "Recipient " + to + " refused");
            return;
        }
        ReceivedSms sms = new ReceivedSms(SmsSimState.newId(), ReceivedSms.Protocol.ELKS, from, to, message,
                null, null, req.getParameter("whendelivered"), Instant.now());
        state.record(sms);
        ObjectNode body = JSON.createObjectNode()
                .put("status", "created").put("direction", "outgoing")
                .put("from", from).put("to", to).put("message", message)
                .put("created", sms.receivedAt().atOffset(ZoneOffset.UTC).toLocalDateTime().toString())
                .put("parts", 1).put("id", sms.id());
        resp.setStatus(200);
        resp.setContentType("application/json;charset=UTF-8");
        resp.getWriter().write(JSON.writeValueAsString(body));
        autoReport(sms);
    }

    private void kannel(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        int failure = state.takeFailure();
        if (failure != 0) {
            text(resp, failure, "3: Temporal failure, try again later.");
            return;
        }
        Map<String, String> q = query(req.getQueryString());
        if (!user.equals(q.get("username")) || !password.equals(q.get("password"))) {
            text(resp, 403, "Authorization failed for sendsms");
            return;
        }
        String to = q.get("to");
        String text = q.get("text");
        if (isBlank(to) || text == null) {
            text(resp, 400, "Missing receiver number or text");
            return;
        }
        if (state.isRefused(to)) {
            text(resp, 400, "Number(s) has/have been denied by white- and/or black-lists.");
            return;
        }
        int mask = parseInt(q.get("dlr-mask"), 0);
        ReceivedSms sms = new ReceivedSms(SmsSimState.newId(), ReceivedSms.Protocol.KANNEL, q.get("from"), to, text,
                parseInt(q.get("coding"), 0), q.get("charset"), (mask & 3) != 0 ? q.get("dlr-url") : null, Instant.now(), mask);
        state.record(sms);
        text(resp, 202, "0: Accepted for delivery");
        autoReport(sms);
    }

    private void autoReport(ReceivedSms sms) {
        Boolean delivered = state.autoReport();
        if (delivered != null) {
            autoReporter.accept(sms, delivered);
        }
    }

    /** Decodes the raw query with its own {@code charset} parameter, as Kannel does. */
    static Map<String, String> query(String raw) {
        Map<String, String> out = new HashMap<>();
        if (raw == null) {
            return out;
        }
        Map<String, String> ascii = split(raw, StandardCharsets.ISO_8859_1);
        Charset charset = StandardCharsets.UTF_8;
        try {
            if (ascii.containsKey("charset")) {
                charset = Charset.forName(ascii.get("charset"));
            }
        } catch (IllegalArgumentException e) {
            // unknown charset: keep UTF-8, like a lenient gateway
        }
        out.putAll(split(raw, charset));
        return out;
    }

    private static Map<String, String> split(String raw, Charset charset) {
        Map<String, String> out = new HashMap<>();
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                out.putIfAbsent(URLDecoder.decode(pair.substring(0, eq), charset),
                        URLDecoder.decode(pair.substring(eq + 1), charset));
            }
        }
        return out;
    }

    private boolean basicAuthOk(String header) {
        if (header == null || !header.startsWith("Basic ")) {
            return false;
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
            return decoded.equals(user + ":" + password);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static void error(HttpServletResponse resp, int status, String message) throws IOException {
        resp.setStatus(status);
        resp.setContentType("application/json;charset=UTF-8");
        resp.getWriter().write(JSON.writeValueAsString(JSON.createObjectNode().put("error", message)));
    }

    private static void text(HttpServletResponse resp, int status, String body) throws IOException {
        resp.setStatus(status);
        resp.setContentType("text/plain;charset=UTF-8");
        resp.getWriter().write(body);
    }

    private static int parseInt(String s, int dflt) {
        try {
            return s == null ? dflt : Integer.parseInt(s.strip());
        } catch (NumberFormatException e) {
            return dflt;
        }
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
