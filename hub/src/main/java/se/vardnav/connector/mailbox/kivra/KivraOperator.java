package se.vardnav.connector.mailbox.kivra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.web.client.HttpStatusCodeException;
import org.springframework.web.client.RestClientException;
import se.vardnav.connector.auth.ClientCredentialsTokens;
import se.vardnav.connector.mailbox.MailboxLetter;
import se.vardnav.connector.mailbox.MailboxOperator;
import se.vardnav.connector.mailbox.MailboxReceipt;
import se.vardnav.connector.mailbox.MailboxRefusedException;
import se.vardnav.connector.mailbox.MailboxTls;
import se.vardnav.connector.mailbox.MailboxUnavailableException;
import se.vardnav.document.LetterDocuments;

import javax.net.ssl.SSLContext;
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
 * A mailbox operator reached by Kivra's sender REST API (connectors/mailbox/kivra/swagger.yml): OAuth2
 * client credentials by Spring Security's OAuth2 client (token cached, renewed shortly before it expires, and once
 * more when Kivra answers 401), {@code usermatch/ssn} to see that
 * the person may receive content, then {@code content} with the letter's parts and, for a kallelse with
 * its appointment, type {@code booking} and the {@code booking} object. Kivra takes at most 1 MB of JSON
 * per content and recipient, PDFs included: a bigger letter is refused here, before anything is sent.
 * Kivra delivers identical payloads once, so the payload is a pure function of the letter (generated_at
 * comes from the letter's creation time) and a retry has no second effect. Mutual TLS per operator.
 */
public final class KivraOperator implements MailboxOperator {
    private static final Logger LOG = LoggerFactory.getLogger(KivraOperator.class);
    private static final ZoneId SWEDEN = ZoneId.of("Europe/Stockholm");
    /** Kivra's limit for the whole JSON content per recipient ("Content File-size", 1 MB), as bytes. */
    public static final long MAX_CONTENT_BYTES = 1_000_000;
    public static final String TYPE_LETTER = "letter";
    public static final String TYPE_BOOKING = "booking";

    /** Where and as whom to call Kivra; from vardnav.mailbox.operators[].kivra. */
    public record Settings(String baseUrl, String tenantKey, String clientId, String clientSecret, String tokenPath,
                           String bookingInfoUrl, Duration connectTimeout, Duration requestTimeout, MailboxTls tls) {
        @Override
        public String toString() {
            return "Settings[" + baseUrl + ", tenant " + tenantKey + "]";
        }
    }

    /** A token is renewed this long before it expires, so it never expires between check and use. */
    static final Duration RENEW_BEFORE = Duration.ofSeconds(30);

    private final String id;
    private final String name;
    private final Settings settings;
    private final LetterDocuments documents;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http;
    private final ClientCredentialsTokens tokens;

    public KivraOperator(String id, String name, Settings settings, LetterDocuments documents, Clock clock) {
        this.id = id;
        this.name = name;
        this.settings = settings;
        this.documents = documents;
        this.clock = clock;
        HttpClient.Builder http = HttpClient.newBuilder().connectTimeout(settings.connectTimeout()).version(HttpClient.Version.HTTP_1_1);
        SSLContext ssl = settings.tls() == null ? null : settings.tls().sslContext();
        if (ssl != null) {
            http.sslContext(ssl);
        }
        this.http = http.build();
        // the token endpoint is reached like the API: the operator's mutual TLS, the same timeouts
        this.tokens = ClientCredentialsTokens.of("kivra-" + id, settings.baseUrl() + settings.tokenPath(), settings.clientId(),
                settings.clientSecret(), null, RENEW_BEFORE, clock, ClientCredentialsTokens.tokenEndpoint(this.http, settings.requestTimeout()));
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
        long estimate = estimatedSize(letter);
        if (estimate > MAX_CONTENT_BYTES) {
            throw tooLarge(estimate);
        }
        ObjectNode content = content(letter);
        byte[] body = bytes(content);
        if (body.length > MAX_CONTENT_BYTES) {
            throw tooLarge(body.length);
        }
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
        HttpResponse<String> created = post(tenantPath("/content"), body, "content");
        String key = created.headers().firstValue("kivra-objkey").orElse(null);
        if (key == null) {
            throw new MailboxUnavailableException("operator " + id + " answered without kivra-objkey");
        }
        return new MailboxReceipt(id, name, key);
    }

    /** Refused for good: the letter goes to the platform or to paper, with this reason in the status report. */
    private MailboxRefusedException tooLarge(long bytes) {
        return new MailboxRefusedException(String.format(java.util.Locale.ROOT,
                "operator %s: content of %.2f MB is over Kivra's limit of 1 MB per content", id, bytes / 1_000_000.0));
    }

    /** An upper bound of the JSON's size from the PDFs' sizes (base64: 4 bytes per 3), before any PDF is read. */
    static long estimatedSize(MailboxLetter letter) {
        long size = 0;
        if (letter.attachments() != null) {
            for (MailboxLetter.Document doc : letter.attachments()) {
                size += 4 * ((doc.size() + 2) / 3);
            }
        }
        return size;
    }

    ObjectNode content(MailboxLetter letter) {
        ObjectNode content = json.createObjectNode();
        content.put("ssn", letter.recipientId());
        content.put("subject", letter.subject() == null || letter.subject().isBlank() ? "Brev" : letter.subject());
        MailboxLetter.Booking booking = letter.booking();
        boolean isBooking = booking != null && booking.title() != null && booking.start() != null;
        content.put("type", isBooking ? TYPE_BOOKING : TYPE_LETTER);
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
        if (isBooking) {
            // Kivra's Booking: title and start_time required, the rest optional (absent rather than null)
            ObjectNode b = content.putObject("booking");
            b.put("title", booking.title());
            b.put("start_time", booking.start().toString());
            putIfPresent(b, "end_time", booking.end() == null ? null : booking.end().toString());
            putIfPresent(b, "location", booking.location());
            putIfPresent(b, "description", booking.description());
            putIfPresent(b, "info_url", settings.bookingInfoUrl());
        }
        return content;
    }

    private static void putIfPresent(ObjectNode node, String field, String value) {
        if (value != null && !value.isBlank()) {
            node.put(field, value);
        }
    }

    private HttpResponse<String> post(String path, JsonNode body, String what) {
        return post(path, bytes(body), what);
    }

    private HttpResponse<String> post(String path, byte[] body, String what) {
        for (int attempt = 0; ; attempt++) {
            String token = token();
            HttpRequest request = HttpRequest.newBuilder(URI.create(settings.baseUrl() + path))
                    .timeout(settings.requestTimeout())
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                    .build();
            HttpResponse<String> response = send(request, what);
            int status = response.statusCode();
            if (status == 401 && attempt == 0) {
                tokens.renew(token); // expired or revoked early: one fresh token, then give up
                continue;
            }
            check(status, kivraCode(response), what);
            return response;
        }
    }

    /** The cached token, or a new one from Kivra's token endpoint (Spring Security's client-credentials client). */
    private String token() {
        String token;
        try {
            token = tokens.current();
        } catch (OAuth2AuthorizationException | RestClientException e) {
            throw tokenFailure(e);
        }
        if (token == null || token.isBlank()) {
            throw new MailboxUnavailableException("operator " + id + " answered the token request without an access token");
        }
        return token;
    }

    /**
     * As before Spring's client: no answer or 5xx/408/429 is transient; a refusal of the credentials (400/401/403, or an
     * OAuth error) is not. Names the status, Kivra's error code and the OAuth error code; never a secret or a body.
     */
    private RuntimeException tokenFailure(RuntimeException e) {
        IOException io = null;
        HttpStatusCodeException status = null;
        for (Throwable c = e; c != null && c.getCause() != c; c = c.getCause()) {
            if (c instanceof IOException i && io == null) {
                io = i;
            }
            if (c instanceof HttpStatusCodeException h && status == null) {
                status = h;
            }
        }
        if (status == null && io != null) {
            LOG.warn("Kivra token call to operator {} failed: {}", id, io.getClass().getSimpleName());
            return new MailboxUnavailableException("operator " + id + " unavailable (token): " + io.getClass().getSimpleName(), e);
        }
        String oauthError = e instanceof OAuth2AuthorizationException o ? o.getError().getErrorCode() : null;
        if (status == null && (oauthError == null || "invalid_token_response".equals(oauthError))) {
            return new MailboxUnavailableException("operator " + id + " answered the token request with something unreadable", e);
        }
        int http = status == null ? 0 : status.getStatusCode().value();
        if (http == 0 || http == 400 || http == 401 || http == 403) {
            String why = http > 0 ? "HTTP " + http : "OAuth error " + oauthError;
            return new IllegalStateException("operator " + id + " refused the client credentials: " + why);
        }
        String code = status.getResponseHeaders() == null ? null : status.getResponseHeaders().getFirst("x-error-code");
        check(http, code != null && code.matches("\\d{5}") ? " (Kivra " + code + ")" : "", "token");
        return new MailboxUnavailableException("operator " + id + " unavailable (token): HTTP " + http);
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

    /** Kivra's 5-digit extended error code (header x-error-code), when it is one; never the body. */
    private static String kivraCode(HttpResponse<String> response) {
        return response.headers().firstValue("x-error-code").filter(c -> c.matches("\\d{5}")).map(c -> " (Kivra " + c + ")").orElse("");
    }

    /** 5xx, 408 and 429 are transient; other 4xx refuse the letter. Response bodies are never copied. */
    private void check(int status, String code, String what) {
        if (status >= 200 && status < 300) {
            return;
        }
        if (status >= 500 || status == 408 || status == 429) {
            throw new MailboxUnavailableException("operator " + id + " unavailable (" + what + "): HTTP " + status + code);
        }
        throw new MailboxRefusedException("operator " + id + " refused the " + what + ": HTTP " + status + code);
    }

    private String tenantPath(String suffix) {
        return "/v2/tenant/" + URLEncoder.encode(settings.tenantKey(), StandardCharsets.UTF_8) + suffix;
    }

    private byte[] bytes(JsonNode node) {
        try {
            return json.writeValueAsBytes(node);
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
