package se.vardnav.visit;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/**
 * The rest-hook endpoint of the hub's Subscription on the platform's Encounters, in R4's format as HAPI FHIR JPA
 * server delivers it: {@code POST} with an empty body ("something changed"), or {@code PUT …/Encounter/<id>} with the
 * resource. Answers 200 once the Encounter is on the broker; 422 with an OperationOutcome for one that is invalid;
 * 401 without the hub's token.
 */
@RestController
@RequestMapping(VisitNotificationController.PATH)
public class VisitNotificationController {
    public static final String PATH = "/visit-platform/notifications";
    private static final MediaType FHIR_JSON = MediaType.parseMediaType("application/fhir+json");
    private final FhirContext fhir;
    private final PlatformSubscription subscription;
    private final VisitIntake intake;

    public VisitNotificationController(FhirContext fhir, PlatformSubscription subscription, VisitIntake intake) {
        this.fhir = fhir;
        this.subscription = subscription;
        this.intake = intake;
    }

    @PostMapping
    public ResponseEntity<String> changed(@RequestHeader(value = "Authorization", required = false) String authorization) {
        if (!subscription.authentic(authorization)) {
            return outcome(HttpStatus.UNAUTHORIZED, List.of("a notification must carry the token the hub registered"));
        }
        subscription.pull();
        return ResponseEntity.ok().build();
    }

    @PutMapping("/Encounter/{id}")
    public ResponseEntity<String> encounter(@PathVariable String id, @RequestBody(required = false) String body,
                                            @RequestHeader(value = "Authorization", required = false) String authorization) {
        if (!subscription.authentic(authorization)) {
            return outcome(HttpStatus.UNAUTHORIZED, List.of("a notification must carry the token the hub registered"));
        }
        Encounter encounter;
        try {
            encounter = fhir.newJsonParser().parseResource(Encounter.class, body == null ? "" : body);
        } catch (DataFormatException e) {
            return outcome(HttpStatus.UNPROCESSABLE_ENTITY, List.of("the body must be an Encounter in FHIR JSON"));
        }
        try {
            intake.accept(encounter);
            return ResponseEntity.ok().build();
        } catch (VisitIntake.Refused refused) {
            return outcome(HttpStatus.UNPROCESSABLE_ENTITY, refused.problems());
        }
    }

    /** A deleted Encounter changes nothing the journal was sent. */
    @DeleteMapping("/Encounter/{id}")
    public ResponseEntity<String> deleted(@PathVariable String id) {
        return ResponseEntity.ok().build();
    }

    private ResponseEntity<String> outcome(HttpStatus status, List<String> problems) {
        OperationOutcome oo = new OperationOutcome();
        problems.forEach(p -> oo.addIssue().setSeverity(OperationOutcome.IssueSeverity.ERROR)
                .setCode(OperationOutcome.IssueType.INVALID).setDiagnostics(p));
        return ResponseEntity.status(status).contentType(FHIR_JSON).body(fhir.newJsonParser().encodeResourceToString(oo));
    }
}
