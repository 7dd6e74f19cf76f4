package se.vardnav.notification;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import se.vardnav.connector.sms.DeliveryReports;

/**
 * Delivery reports from the SMS gateways: 46elks-style form POST, Kannel-style dlr-url GET. Answered 202 when
 * taken (applied or kept for a send not recorded yet): Kannel counts only 200 and 202 as success, 46elks any 2xx.
 * 403 for a report without a valid token, 404 for the callback of a gateway not in use, 400 for nonsense.
 */
@RestController
@RequestMapping("/sms/reports")
public class SmsReportController {
    private final DeliveryReportIntake intake;

    public SmsReportController(DeliveryReportIntake intake) {
        this.intake = intake;
    }

    @PostMapping(path = "/elks", consumes = "application/x-www-form-urlencoded")
    public ResponseEntity<Void> elks(HttpServletRequest request, @RequestBody(required = false) String form) {
        return answer(intake.elks(DeliveryReports.decodeForm(request.getQueryString()), DeliveryReports.decodeForm(form)));
    }

    @GetMapping("/kannel")
    public ResponseEntity<Void> kannel(HttpServletRequest request) {
        return answer(intake.kannel(DeliveryReports.decodeForm(request.getQueryString())));
    }

    private static ResponseEntity<Void> answer(DeliveryReportIntake.Outcome outcome) {
        HttpStatus status = switch (outcome) {
            case APPLIED, KEPT -> HttpStatus.ACCEPTED;
            case FORGED -> HttpStatus.FORBIDDEN;
            case INACTIVE -> HttpStatus.NOT_FOUND;
            case INVALID -> HttpStatus.BAD_REQUEST;
        };
        return ResponseEntity.status(status).build();
    }
}
