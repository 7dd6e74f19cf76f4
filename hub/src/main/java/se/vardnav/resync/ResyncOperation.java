package se.vardnav.resync;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.server.exceptions.UnclassifiedServerFailureException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.StringType;
import se.vardnav.connector.register.RegisterUnavailableException;
import se.vardnav.fhir.Fhir;
import se.vardnav.fhir.HubFhirProvider;
import se.vardnav.identity.PatientIdentity;

import java.util.Map;

/**
 * {@code POST /fhir/Patient/$resync-bookings} ("Uppdatera nu") with parameters {@code identifier} (the patient:
 * personnummer, samordningsnummer or reservnummer system) and optionally {@code unit} (HSA-id). Answers with the counts
 * {@code created}, {@code updated}, {@code cancelled}, {@code withheld}, {@code unchanged}, {@code refused}; 422 for a patient
 * that cannot be told; when the journal system or the population register cannot answer, nothing is changed and the
 * OperationOutcome says why: 503 not reachable, 502 the journal refused (HL7 AE/AR, a SOAP fault) or answered what the hub
 * cannot use, 504 no answer in time.
 */
public class ResyncOperation implements HubFhirProvider {
    private static final Map<String, String> OIDS = Map.of(Fhir.PERSONNUMMER, Fhir.PERSONNUMMER_OID,
            Fhir.SAMORDNINGSNUMMER, Fhir.SAMORDNINGSNUMMER_OID, Fhir.RESERVNUMMER, Fhir.RESERVNUMMER_OID);
    private final FhirContext fhir;
    private final BookingResync resync;

    public ResyncOperation(FhirContext fhir, BookingResync resync) {
        this.fhir = fhir;
        this.resync = resync;
    }

    @Operation(name = "$resync-bookings", type = Patient.class)
    public Parameters resyncBookings(@OperationParam(name = "identifier", min = 1, max = 1) Identifier identifier,
                                     @OperationParam(name = "unit", max = 1) StringType unit) {
        String oid = identifier == null ? null : OIDS.get(identifier.getSystem());
        if (oid == null || !identifier.hasValue()) {
            throw unprocessable("identifier: the patient's personnummer, samordningsnummer or reservnummer (HL7 Sweden system) is required");
        }
        PatientIdentity patient;
        try {
            patient = PatientIdentity.classify(identifier.getValue(), oid);
        } catch (PatientIdentity.InvalidIdentityException e) {
            throw unprocessable("identifier: " + e.getMessage());
        }
        BookingResync.Counts counts;
        try {
            counts = resync.resync(patient, unit == null ? null : unit.getValue());
        } catch (ScheduleUnavailableException e) {
            throw failure(e.status(), e.getMessage());
        } catch (RegisterUnavailableException e) {
            throw failure(503, e.getMessage());
        }
        Parameters out = new Parameters();
        out.addParameter().setName("created").setValue(new IntegerType(counts.created()));
        out.addParameter().setName("updated").setValue(new IntegerType(counts.updated()));
        out.addParameter().setName("cancelled").setValue(new IntegerType(counts.cancelled()));
        out.addParameter().setName("withheld").setValue(new IntegerType(counts.withheld()));
        out.addParameter().setName("unchanged").setValue(new IntegerType(counts.unchanged()));
        out.addParameter().setName("refused").setValue(new IntegerType(counts.refused()));
        return out;
    }

    /** The journal or register could not answer: nothing changed; the OperationOutcome says which and why (no personal data). */
    private UnclassifiedServerFailureException failure(int status, String problem) {
        OperationOutcome oo = new OperationOutcome();
        oo.addIssue().setSeverity(OperationOutcome.IssueSeverity.ERROR)
                .setCode(status == 504 ? OperationOutcome.IssueType.TIMEOUT : OperationOutcome.IssueType.TRANSIENT)
                .setDiagnostics(problem + "; nothing was changed");
        return new UnclassifiedServerFailureException(status, problem + "; nothing was changed", oo);
    }

    private UnprocessableEntityException unprocessable(String problem) {
        OperationOutcome oo = new OperationOutcome();
        oo.addIssue().setSeverity(OperationOutcome.IssueSeverity.ERROR).setCode(OperationOutcome.IssueType.INVALID).setDiagnostics(problem);
        return new UnprocessableEntityException(fhir, oo);
    }
}
