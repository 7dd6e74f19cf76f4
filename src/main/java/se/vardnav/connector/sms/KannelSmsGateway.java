package se.vardnav.connector.sms;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Kannel's smsbox: {@code GET {base}/cgi-bin/sendsms?…}, answered 202 {@code 0: Accepted for delivery}.
 * Kannel returns no message id, so the business key is the gateway id, and it travels in the
 * {@code dlr-url} so that the report can be matched.
 */
public class KannelSmsGateway implements SmsGateway {
    static final String NAME = "SMS gateway (Kannel)";
    /** Query parameters of the hub's dlr-url, read back by {@link DeliveryReports#fromKannel}. */
    public static final String DLR_KEY = "key";
    public static final String DLR_STATUS = "status";
    public static final String DLR_TIME = "ts";
    /** Delivered (1) and undelivered (2) to the phone: the two final outcomes. */
    static final int DLR_MASK = 1 | 2;

    private final HttpClient http;
    private final String endpoint;
    private final String user;
    private final String password;
    private final String deliveryReportUrl;
    private final Duration requestTimeout;

    /**
     * @param baseUrl           e.g. {@code http://kannel:13013}
     * @param deliveryReportUrl the hub's report endpoint; the key, {@code %d} status and {@code %T} time
     *                          are appended as query parameters. Null for no reports.
     */
    public KannelSmsGateway(String baseUrl, String user, String password, String deliveryReportUrl,
                            Duration connectTimeout, Duration requestTimeout) {
        this.endpoint = ElksSmsGateway.stripSlash(Objects.requireNonNull(baseUrl, "baseUrl")) + "/cgi-bin/sendsms";
        this.user = Objects.requireNonNull(user, "user");
        this.password = Objects.requireNonNull(password, "password");
        this.deliveryReportUrl = deliveryReportUrl;
        this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout");
        this.http = SmsHttp.client(Objects.requireNonNull(connectTimeout, "connectTimeout"));
    }

    @Override
    public SmsAccepted send(SmsMessage m) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("username", user);
        query.put("password", password);
        query.put("from", m.from());
        query.put("to", m.to());
        query.put("text", m.text());
        query.put("charset", "UTF-8");
        query.put("coding", m.unicode() ? "2" : "0");
        if (deliveryReportUrl != null) {
            query.put("dlr-mask", String.valueOf(DLR_MASK));
            query.put("dlr-url", dlrUrl(deliveryReportUrl, m.businessKey()));
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(endpoint + "?" + SmsHttp.encode(query)))
                .timeout(requestTimeout)
                .GET()
                .build();
        HttpResponse<String> response = SmsHttp.exchange(http, request, NAME);
        int status = response.statusCode();
        if (status < 200 || status > 299) {
            throw SmsHttp.failure(NAME, status, SmsHttp.reason(response.body(), m));
        }
        return new SmsAccepted(m.businessKey());
    }

    /**
     * The dlr-url pattern. Kannel replaces {@code %x} escapes in it (and {@code %%} by {@code %}), so the
     * percent-encoded key has its '%' doubled: otherwise {@code %C3} (the first byte of 'å') would become
     * the charset followed by '3'.
     */
    static String dlrUrl(String hubUrl, String businessKey) {
        String key = SmsHttp.encode(businessKey).replace("%", "%%");
        return hubUrl + (hubUrl.contains("?") ? "&" : "?")
                + DLR_KEY + "=" + key + "&" + DLR_STATUS + "=%d&" + DLR_TIME + "=%T";
    }
}
