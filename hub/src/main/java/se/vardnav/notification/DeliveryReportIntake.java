package se.vardnav.notification;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.vardnav.connector.sms.DeliveryReport;
import se.vardnav.connector.sms.DeliveryReportUrls;
import se.vardnav.connector.sms.DeliveryReports;
import se.vardnav.connector.sms.ReportSignature;

import java.time.Clock;
import java.util.Map;

/**
 * Takes the gateways' delivery reports. Only the configured gateway's callback is open, and each report must carry
 * the token of the URL the hub gave that SMS ({@link DeliveryReportUrls}): a report that lacks it changes nothing
 * and is counted ({@code vardnav_sms_reports_total{outcome="forged"}}). A report about a send not recorded yet is
 * kept, not refused, so none is lost whatever the order.
 */
public class DeliveryReportIntake {
    private static final Logger log = LoggerFactory.getLogger(DeliveryReportIntake.class);

    public enum Outcome {
        /** Applied to its send (or the send was already further on). */
        APPLIED,
        /** Kept for a send not recorded yet. */
        KEPT,
        /** No valid token: refused, nothing changed. */
        FORGED,
        /** A callback of a gateway the hub does not use: refused, nothing changed. */
        INACTIVE,
        /** Not a report this gateway sends. */
        INVALID
    }

    private final String activeGateway;
    private final ReportSignature signature;
    private final SmsSends sends;
    private final Clock clock;
    private final MeterRegistry meters;

    public DeliveryReportIntake(String activeGateway, ReportSignature signature, SmsSends sends, Clock clock, MeterRegistry meters) {
        this.activeGateway = activeGateway;
        this.signature = signature;
        this.sends = sends;
        this.clock = clock;
        this.meters = meters;
    }

    /** Kannel's dlr-url GET: key and token as the hub wrote them, status and time as Kannel filled them in. */
    public Outcome kannel(Map<String, String> query) {
        return callback("kannel", query, () -> DeliveryReports.fromKannel(query, clock.instant()));
    }

    /** A 46elks-style form POST to the whendelivered URL, which carries the key and token in its query. */
    public Outcome elks(Map<String, String> query, Map<String, String> form) {
        return callback("elks", query, () -> DeliveryReports.fromElks(form, query.get(DeliveryReportUrls.KEY), clock.instant()));
    }

    /** A receipt on the gateway's own authenticated channel (SMPP deliver_sm on the hub's bind). */
    public Outcome receipt(DeliveryReport report) {
        return count(activeGateway, apply(report));
    }

    private Outcome callback(String gateway, Map<String, String> query, java.util.function.Supplier<DeliveryReport> parse) {
        if (!gateway.equals(activeGateway)) {
            log.warn("Delivery report refused: the {} callback is not in use (gateway is {})", gateway, activeGateway);
            return count(gateway, Outcome.INACTIVE);
        }
        if (!signature.verify(gateway, query.get(DeliveryReportUrls.KEY), query.get(DeliveryReportUrls.SIGNATURE))) {
            log.warn("Delivery report refused: no valid token on the {} callback; nothing changed", gateway);
            return count(gateway, Outcome.FORGED);
        }
        DeliveryReport report;
        try {
            report = parse.get();
        } catch (IllegalArgumentException e) {
            log.warn("Delivery report refused: {}", e.getMessage());
            return count(gateway, Outcome.INVALID);
        }
        return count(gateway, apply(report));
    }

    private Outcome apply(DeliveryReport report) {
        return sends.report(activeGateway, report) == SmsSends.ReportOutcome.APPLIED ? Outcome.APPLIED : Outcome.KEPT;
    }

    private Outcome count(String gateway, Outcome outcome) {
        meters.counter("vardnav.sms.reports", "gateway", gateway, "outcome", outcome.name().toLowerCase(java.util.Locale.ROOT)).increment();
        return outcome;
    }
}
