package se.vardnav.notification;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import se.vardnav.connector.sms.DeliveryReport;
import se.vardnav.connector.sms.DeliveryReports;

import java.time.Clock;
import java.util.Map;

/** Delivery reports from the SMS gateways: 46elks-style form POST, Kannel-style dlr-url GET. */
@RestController
@RequestMapping("/sms/reports")
public class SmsReportController {
    private final SmsSends sends;
    private final Clock clock;

    public SmsReportController(SmsSends sends, Clock clock) {
        this.sends = sends;
        this.clock = clock;
    }

    @PostMapping(path = "/elks", consumes = "application/x-www-form-urlencoded")
    public ResponseEntity<Void> elks(@RequestBody String form) {
        return record(DeliveryReports.fromElks(DeliveryReports.decodeForm(form), clock.instant()));
    }

    @GetMapping("/kannel")
    public ResponseEntity<Void> kannel(@RequestParam Map<String, String> query) {
        return record(DeliveryReports.fromKannel(query, clock.instant()));
    }

    /** 204 when recorded; 404 for a report about nothing we sent (the gateway then stops retrying or logs it). */
    private ResponseEntity<Void> record(DeliveryReport report) {
        int updated = sends.reported(report.gatewayId(), report.businessKey(), report.status().name());
        return updated > 0 ? ResponseEntity.noContent().build() : ResponseEntity.notFound().build();
    }
}
