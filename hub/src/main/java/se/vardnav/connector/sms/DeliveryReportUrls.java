package se.vardnav.connector.sms;

import java.util.Objects;

/**
 * The hub's report callback for one SMS: {@code {base}?key=<business key>&sig=<token>}. Each SMS gets a URL
 * of its own, so a report names the SMS by the hub's key and proves that it comes from a URL the hub handed out.
 */
public final class DeliveryReportUrls {
    public static final String KEY = "key";
    public static final String SIGNATURE = "sig";
    private final String base;
    private final String gateway;
    private final ReportSignature signature;

    /**
     * @param base    e.g. {@code https://hub.example/sms/reports/kannel}
     * @param gateway the gateway's name, part of what is signed: a token for one gateway is no good on another
     */
    public DeliveryReportUrls(String base, String gateway, ReportSignature signature) {
        this.base = Objects.requireNonNull(base, "base");
        this.gateway = Objects.requireNonNull(gateway, "gateway");
        this.signature = Objects.requireNonNull(signature, "signature");
    }

    public String forKey(String businessKey) {
        return base + (base.contains("?") ? "&" : "?")
                + KEY + "=" + SmsHttp.encode(businessKey) + "&" + SIGNATURE + "=" + signature.sign(gateway, businessKey);
    }
}
