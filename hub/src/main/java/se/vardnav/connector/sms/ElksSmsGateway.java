package se.vardnav.connector.sms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A 46elks-style gateway: {@code POST {base}/a1/sms}, form-encoded, Basic auth, JSON answer with an
 * {@code id} that the delivery reports (to {@code whendelivered}) refer to. The gateway picks GSM-7
 * or UCS-2 itself, so {@link SmsMessage#unicode()} is not sent.
 */
public class ElksSmsGateway implements SmsGateway {
    static final String NAME = "SMS gateway (46elks)";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final URI endpoint;
    private final String authorization;
    private final DeliveryReportUrls reports;
    private final Duration requestTimeout;

    /**
     * @param baseUrl           e.g. {@code https://api.46elks.com}
     * @param reports the hub's report callback per SMS, sent as {@code whendelivered}; null for no reports
     */
    public ElksSmsGateway(String baseUrl, String user, String password, DeliveryReportUrls reports,
                          Duration connectTimeout, Duration requestTimeout) {
        Objects.requireNonNull(baseUrl, "baseUrl");
        this.endpoint = URI.create(stripSlash(baseUrl) + "/a1/sms");
        this.authorization = SmsHttp.basicAuth(Objects.requireNonNull(user, "user"),
                Objects.requireNonNull(password, "password"));
        this.reports = reports;
        this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout");
        this.http = SmsHttp.client(Objects.requireNonNull(connectTimeout, "connectTimeout"));
    }

    @Override
    public SmsAccepted send(SmsMessage m) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("from", m.from());
        form.put("to", m.to());
        form.put("message", m.text());
        if (reports != null) {
            form.put("whendelivered", reports.forKey(m.businessKey()));
        }
        HttpRequest request = HttpRequest.newBuilder(endpoint)
                .timeout(requestTimeout)
                .header("Authorization", authorization)
                .header("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(SmsHttp.encode(form)))
                .build();
        HttpResponse<String> response = SmsHttp.exchange(http, request, NAME);
        int status = response.statusCode();
        if (status < 200 || status > 299) {
            throw SmsHttp.failure(NAME, status, SmsHttp.reason(errorText(response.body()), m));
        }
        String id = field(response.body(), "id");
        if (id == null || id.isBlank()) {
            throw new SmsTransientException(NAME + " answered HTTP " + status + " without an id", status, null);
        }
        return new SmsAccepted(id);
    }

    /** 46elks answers errors as plain text; a JSON body's error or message field is taken when there is one. */
    static String errorText(String body) {
        String fromJson = field(body, "error");
        if (fromJson == null) {
            fromJson = field(body, "message");
        }
        return fromJson != null ? fromJson : body;
    }

    private static String field(String body, String name) {
        if (body == null || !body.stripLeading().startsWith("{")) {
            return null;
        }
        try {
            JsonNode node = JSON.readTree(body).get(name);
            return node == null || node.isNull() ? null : node.asText();
        } catch (IOException e) {
            return null;
        }
    }

    static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
