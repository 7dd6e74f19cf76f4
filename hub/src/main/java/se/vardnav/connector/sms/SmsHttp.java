package se.vardnav.connector.sms;

import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** What the HTTP gateways share: the exchange, the failure classification, and keeping personal data out. */
final class SmsHttp {
    static final int REASON_MAX = 120;
    /** Anything that looks like a phone number, in whatever format a gateway echoes it. */
    private static final Pattern NUMBER_LIKE = Pattern.compile("\\+?\\d[\\d \\-]{4,}\\d");

    private SmsHttp() {}

    static HttpClient client(Duration connectTimeout) {
        // HTTP/1.1: gateways are plain http; the default h2c upgrade attempt only adds a round of headers
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(connectTimeout).build();
    }

    static String basicAuth(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** Form and query encoding; %20 rather than '+' so that no decoder can mistake a space for a '+' prefix. */
    static String encode(Map<String, String> params) {
        return params.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /**
     * Sends and maps "no answer" to transient. The IOException is not kept as cause: for Kannel the
     * request URI carries number and text, and some HttpClient messages quote it.
     */
    static HttpResponse<String> exchange(HttpClient client, HttpRequest request, String gateway) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpTimeoutException e) {
            throw new SmsTransientException("no answer from " + gateway + " in time: " + e.getClass().getSimpleName(), 0, null);
        } catch (IOException e) {
            throw new SmsTransientException("no answer from " + gateway + ": " + e.getClass().getSimpleName(), 0, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SmsTransientException("interrupted while waiting for " + gateway, 0, null);
        }
    }

    /** Statuses that say the gateway will take nothing from this client as configured, whatever the message. */
    static boolean isConfigurationFault(int status) {
        return status == 401 || status == 403 || status == 404 || status == 405 || status == 407;
    }

    static RuntimeException failure(String gateway, int status, String reason) {
        String message = gateway + " answered HTTP " + status + (reason.isEmpty() ? "" : ": " + reason);
        if (isConfigurationFault(status)) {
            return new SmsGatewayFaultException(message, status);
        }
        if (status >= 400 && status < 500 && status != 408 && status != 429) {
            return new SmsRejectedException(message, status, reason);
        }
        // 5xx, 408, 429, and anything unexpected (1xx/3xx): the message was not taken, a retry may be
        return new SmsTransientException(message, status, null);
    }

    /** The gateway's reason without the number or text it may echo, on one line, truncated. */
    static String reason(String body, SmsMessage m) {
        if (body == null) {
            return "";
        }
        String r = body;
        if (m.text().length() >= 4) {
            r = r.replace(m.text(), "***");
        }
        r = r.replace(m.to(), "***");
        r = NUMBER_LIKE.matcher(r).replaceAll("***");
        r = r.replaceAll("[\\p{Cntrl}\\s]+", " ").strip();
        if (r.length() <= REASON_MAX) {
            return r;
        }
        int end = Character.isHighSurrogate(r.charAt(REASON_MAX - 1)) ? REASON_MAX - 1 : REASON_MAX;
        return r.substring(0, end) + "…";
    }
}
