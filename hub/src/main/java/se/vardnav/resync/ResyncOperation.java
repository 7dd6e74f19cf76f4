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
 * {@code created}, {@code updated}, {@code cancelled}, {@code withheld}, {@code unchanged}; 422 for a patient that cannot
 * be told, 503 when the journal system or the population register cannot answer now (nothing changed).
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
        } catch (ScheduleUnavailableException | RegisterUnavailableException e) {
            throw new UnclassifiedServerFailureException(503, e.getMessage());
        }
        Parameters out = new Parameters();
        out.addParameter().setName("created").setValue(new IntegerType(counts.created()));
        out.addParameter().setName("updated").setValue(new IntegerType(counts.updated()));
        out.addParameter().setName("cancelled").setValue(new IntegerType(counts.cancelled()));
        out.addParameter().setName("withheld").setValue(new IntegerType(counts.withheld()));
        out.addParameter().setName("unchanged").setValue(new IntegerType(counts.unchanged()));
        return out;
    }

    private UnprocessableEntityException unprocessable(String problem) {
        OperationOutcome oo = new OperationOutcome();
        oo.addIssue().setSeverity(OperationOutcome.IssueSeverity.ERROR).setCode(OperationOutcome.IssueType.INVALID).setDiagnostics(problem);
        return new UnprocessableEntityException(fhir, oo);
    }
}
