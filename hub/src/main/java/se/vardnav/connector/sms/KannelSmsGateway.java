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
    public static final String DLR_KEY = DeliveryReportUrls.KEY;
    public static final String DLR_STATUS = "status";
    public static final String DLR_TIME = "ts";
    /**
     * Every report type Kannel has: delivered (1) and undelivered (2) to the phone, queued at the SMSC (4),
     * delivered to the SMSC (8) and rejected by the SMSC (16); without 16 an SMS the SMSC refuses is never reported.
     */
    static final int DLR_MASK = 1 | 2 | 4 | 8 | 16;
    /** Kannel answers a wrong username or password with 403 and this text; its other 403s are about the message. */
    static final String AUTHORIZATION_FAILED = "Authorization failed";

    private final HttpClient http;
    private final String endpoint;
    private final String user;
    private final String password;
    private final DeliveryReportUrls reports;
    private final Duration requestTimeout;

    /**
     * @param baseUrl e.g. {@code http://kannel:13013}
     * @param reports the hub's report callback per SMS; {@code %d} status and {@code %T} time are appended
     *                as query parameters. Null for no reports.
     */
    public KannelSmsGateway(String baseUrl, String user, String password, DeliveryReportUrls reports,
                            Duration connectTimeout, Duration requestTimeout) {
        this.endpoint = ElksSmsGateway.stripSlash(Objects.requireNonNull(baseUrl, "baseUrl")) + "/cgi-bin/sendsms";
        this.user = Objects.requireNonNull(user, "user");
        this.password = Objects.requireNonNull(password, "password");
        this.reports = reports;
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
        if (reports != null) {
            query.put("dlr-mask", String.valueOf(DLR_MASK));
            query.put("dlr-url", dlrUrl(reports.forKey(m.businessKey())));
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(endpoint + "?" + SmsHttp.encode(query)))
                .timeout(requestTimeout)
                .GET()
                .build();
        HttpResponse<String> response = SmsHttp.exchange(http, request, NAME);
        int status = response.statusCode();
        if (status < 200 || status > 299) {
            String reason = SmsHttp.reason(response.body(), m);
            if (status == 403 && !reason.startsWith(AUTHORIZATION_FAILED)) {
                // "Not routable. Do not try again.", a number on a black list: this message, not the account
                throw new SmsRejectedException(NAME + " answered HTTP 403: " + reason, status, reason);
            }
            throw SmsHttp.failure(NAME, status, reason);
        }
        return new SmsAccepted(m.businessKey());
    }

    /** Kannel cuts UCS-2 by octets (134 a part), whatever characters the cut goes through. */
    @Override
    public Splitting splitting() {
        return Splitting.UCS2_BY_OCTETS;
    }

    /**
     * The dlr-url pattern. Kannel replaces {@code %x} escapes in it (and {@code %%} by {@code %}), so the
     * hub's own percent-encoding has its '%' doubled: otherwise {@code %C3} (the first byte of 'å') would
     * become the charset followed by '3'. {@code %T} is the report's time as the SMSC gave it (epoch seconds).
     */
    static String dlrUrl(String reportUrl) {
        return reportUrl.replace("%", "%%") + "&" + DLR_STATUS + "=%d&" + DLR_TIME + "=%T";
    }
}
