package se.vardnav.connector.mailbox.kivra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.vardnav.connector.mailbox.MailboxLetter;
import se.vardnav.connector.mailbox.MailboxOperator;
import se.vardnav.connector.mailbox.MailboxReceipt;
import se.vardnav.connector.mailbox.MailboxRefusedException;
import se.vardnav.connector.mailbox.MailboxUnavailableException;
import se.vardnav.letter.LetterDocuments;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Base64;

/**
 * A mailbox operator reached by Kivra's sender REST API: OAuth2 client credentials (token cached
 * until shortly before it expires), {@code usermatch/ssn} to see that the person may receive
 * content, then {@code content} with the letter's parts and, for a kallelse, a booking. Kivra
 * delivers identical payloads once, so the payload is a pure function of the letter (generated_at
 * comes from the letter's creation time) and a retry has no second effect.
 */
public final class KivraOperator implements MailboxOperator {
    private static final Logger LOG = LoggerFactory.getLogger(KivraOperator.class);
    private static final ZoneId SWEDEN = ZoneId.of("Europe/Stockholm");

    /** Where and as whom to call Kivra; from vardnav.mailbox.operators[].kivra. */
    public record Settings(String baseUrl, String tenantKey, String clientId, String clientSecret, String tokenPath,
                           String bookingInfoUrl, Duration connectTimeout, Duration requestTimeout) {
        @Override
        public String toString() {
            return "Settings[" + baseUrl + ", tenant " + tenantKey + "]";
        }
    }

    private record Token(String value, Instant expires) {}

    private final String id;
    private final String name;
    private final Settings settings;
    private final LetterDocuments documents;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http;
    private volatile Token token;

    public KivraOperator(String id, String name, Settings settings, LetterDocuments documents, Clock clock) {
        this.id = id;
        this.name = name;
        this.settings = settings;
        this.documents = documents;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(settings.connectTimeout()).build();
    }

    @Override
    public String id() {
        return id;
    }

    public String name() {
        return name;
    }

    @Override
    public MailboxReceipt deliver(MailboxLetter letter) {
        String ssn = letter.recipientId();
        ObjectNode match = json.createObjectNode();
        match.putArray("list").add(ssn);
        HttpResponse<String> matched = post(tenantPath("/usermatch/ssn"), match, "usermatch");
        JsonNode list = read(matched.body()).path("list");
        boolean found = false;
        for (JsonNode n : list) {
            found |= ssn.equals(n.asText());
        }
        if (!found) {
            throw new MailboxRefusedException("operator " + id + " has no user matching the recipient");
        }
        HttpResponse<String> created = post(tenantPath("/content"), content(letter), "content");
        String key = created.headers().firstValue("kivra-objkey")
                .orElseGet(() -> read(created.body()).path("key").asText(null));
        if (key == null) {
            throw new MailboxUnavailableException("operator " + id + " answered without kivra-objkey");
        }
        return new MailboxReceipt(id, name, key);
    }

    ObjectNode content(MailboxLetter letter) {
        ObjectNode content = json.createObjectNode();
        content.put("ssn", letter.recipientId());
        content.put("subject", letter.subject() == null || letter.subject().isBlank() ? "Brev" : letter.subject());
        content.put("type", letter.booking() == null ? "letter" : "letter.appointment");
        Instant created = letter.created() != null ? letter.created() : clock.instant();
        content.put("generated_at", LocalDate.ofInstant(created, SWEDEN).toString());
        ArrayNode parts = content.putArray("parts");
        if (letter.bodyText() != null && !letter.bodyText().isBlank()) {
            ObjectNode text = parts.addObject();
            text.put("name", "meddelande.txt");
            text.put("data", Base64.getEncoder().encodeToString(letter.bodyText().getBytes(StandardCharsets.UTF_8)));
            text.put("content_type", "text/plain");
        }
        if (letter.attachments() != null) {
            for (MailboxLetter.Document doc : letter.attachments()) {
                ObjectNode part = parts.addObject();
                part.put("name", doc.filename() == null || doc.filename().isBlank() ? "bilaga.pdf" : doc.filename());
                part.put("data", Base64.getEncoder().encodeToString(documents.read(doc.ref())));
                part.put("content_type", doc.contentType() == null ? "application/pdf" : doc.contentType());
            }
        }
        MailboxLetter.Booking booking = letter.booking();
        if (booking != null) {
            ObjectNode b = content.putObject("booking");
            b.put("title", booking.title());
            b.put("start_time", booking.start() == null ? null : booking.start().toString());
            b.put("end_time", booking.end() == null ? null : booking.end().toString());
            b.put("location", booking.location());
            b.put("description", booking.description());
            if (settings.bookingInfoUrl() != null && !settings.bookingInfoUrl().isBlank()) {
                b.put("info_url", settings.bookingInfoUrl());
            }
        }
        return content;
    }

    private HttpResponse<String> post(String path, JsonNode body, String what) {
        for (int attempt = 0; ; attempt++) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(settings.baseUrl() + path))
                    .timeout(settings.requestTimeout())
                    .header("Authorization", "Bearer " + token())
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(write(body)))
                    .build();
            HttpResponse<String> response = send(request, what);
            int status = response.statusCode();
            if (status == 401 && attempt == 0) {
                token = null; // expired or revoked early: one fresh token, then give up
                continue;
            }
            check(status, what);
            return response;
        }
    }

    private String token() {
        Token t = token;
        if (t != null && clock.instant().isBefore(t.expires())) {
            return t.value();
        }
        synchronized (this) {
            t = token;
            if (t != null && clock.instant().isBefore(t.expires())) {
                return t.value();
            }
            String credentials = Base64.getEncoder().encodeToString(
                    (settings.clientId() + ":" + settings.clientSecret()).getBytes(StandardCharsets.UTF_8));
            HttpRequest request = HttpRequest.newBuilder(URI.create(settings.baseUrl() + settings.tokenPath()))
                    .timeout(settings.requestTimeout())
                    .header("Authorization", "Basic " + credentials)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("grant_type=" + URLEncoder.encode("client_credentials", StandardCharsets.UTF_8)))
                    .build();
            HttpResponse<String> response = send(request, "token");
            if (response.statusCode() == 400 || response.statusCode() == 401 || response.statusCode() == 403) {
                throw new IllegalStateException("operator " + id + " refused the client credentials: HTTP " + response.statusCode());
            }
            check(response.statusCode(), "token");
            JsonNode answer = read(response.body());
            long seconds = answer.path("expires_in").asLong(300);
            // renew a little early so a token never expires between check and use
            Instant expires = clock.instant().plusSeconds(Math.max(0, seconds - 30));
            token = new Token(answer.path("access_token").asText(), expires);
            return token.value();
        }
    }

    private HttpResponse<String> send(HttpRequest request, String what) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            LOG.warn("Kivra {} call to operator {} failed: {}", what, id, e.getClass().getSimpleName());
            throw new MailboxUnavailableException("operator " + id + " unavailable (" + what + "): " + e.getClass().getSimpleName(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MailboxUnavailableException("interrupted while calling operator " + id, e);
        }
    }

    /** 5xx, 408 and 429 are transient; other 4xx refuse the letter. Response bodies are never copied. */
    private void check(int status, String what) {
        if (status >= 200 && status < 300) {
            return;
        }
        if (status >= 500 || status == 408 || status == 429) {
            throw new MailboxUnavailableException("operator " + id + " unavailable (" + what + "): HTTP " + status);
        }
        throw new MailboxRefusedException("operator " + id + " refused the " + what + ": HTTP " + status);
    }

    private String tenantPath(String suffix) {
        return "/v2/tenant/" + URLEncoder.encode(settings.tenantKey(), StandardCharsets.UTF_8) + suffix;
    }

    private String write(JsonNode node) {
        try {
            return json.writeValueAsString(node);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonNode read(String body) {
        try {
            return body == null || body.isBlank() ? json.createObjectNode() : json.readTree(body);
        } catch (IOException e) {
            throw new MailboxUnavailableException("operator " + id + " answered something unreadable", e);
        }
    }
}
