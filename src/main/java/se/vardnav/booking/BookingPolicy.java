package se.vardnav.booking;

import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Identifier;
import se.vardnav.connector.register.PopulationRegister;
import se.vardnav.connector.register.RegisterFacts;
import se.vardnav.fhir.Fhir;

import java.util.Optional;

import static se.vardnav.booking.PolicyDecision.Reason.*;

/**
 * The one place that decides whether a booking may reach the visit platform. Fails closed: when
 * the population register cannot be asked, {@link se.vardnav.connector.register.RegisterUnavailableException}
 * propagates and the event waits on its queue; it never goes out unchecked.
 */
public class BookingPolicy {
    private final TimeTypeMap timeTypes;
    private final PopulationRegister register;

    public BookingPolicy(TimeTypeMap timeTypes, PopulationRegister register) {
        this.timeTypes = timeTypes;
        this.register = register;
    }

    public PolicyDecision decide(Appointment appointment) {
        if (hasLabel(appointment, Fhir.SECURITY_LABEL, Fhir.SEKRETESSMARKERING)
                || hasLabel(appointment, Fhir.SECURITY_LABEL, Fhir.SKYDDAD_FOLKBOKFORING)) {
            return PolicyDecision.withhold(PROTECTED_IDENTITY, "protection flag from the journal system");
        }
        if (hasLabel(appointment, Fhir.JOURNAL_RESTRICTION, Fhir.SPARRAD_JOURNAL)) {
            return PolicyDecision.withhold(BLOCKED_JOURNAL, "journal blocked (spärrad journal)");
        }
        String timeType = timeTypeOf(appointment);
        Optional<TimeTypeRule> rule = timeTypes.ruleFor(timeType);
        if (rule.isEmpty()) {
            return PolicyDecision.withhold(UNMAPPED_TIME_TYPE, "time type '" + timeType + "' has no mapping");
        }
        if (rule.get().handling() == TimeTypeRule.Handling.HIDDEN) {
            return PolicyDecision.withhold(HIDDEN_TIME_TYPE, "time type '" + timeType + "' is hidden");
        }
        Optional<Identifier> patient = patientIdentifier(appointment);
        if (patient.isPresent()) {
            String oid = registerOid(patient.get().getSystem());
            if (oid != null) {
                RegisterFacts facts = register.lookup(oid, patient.get().getValue());
                if (facts.protectedIdentity()) {
                    return PolicyDecision.withhold(PROTECTED_IDENTITY, "protected identity in the population register");
                }
                if (facts.deceased()) {
                    return PolicyDecision.withhold(DECEASED, "deceased according to the population register");
                }
            }
        }
        return PolicyDecision.deliver(rule.get());
    }

    /** Reserve numbers are local: the register does not know them, the journal's flags are all there is. */
    private static String registerOid(String system) {
        if (Fhir.PERSONNUMMER.equals(system)) {
            return Fhir.PERSONNUMMER_OID;
        }
        if (Fhir.SAMORDNINGSNUMMER.equals(system)) {
            return Fhir.SAMORDNINGSNUMMER_OID;
        }
        return null;
    }

    static boolean hasLabel(Appointment a, String system, String code) {
        return a.getMeta().getSecurity().stream().anyMatch(c -> system.equals(c.getSystem()) && code.equals(c.getCode()));
    }

    public static String timeTypeOf(Appointment a) {
        return a.getAppointmentType().getCoding().stream()
                .filter(c -> Fhir.JOURNAL_TIME_TYPE.equals(c.getSystem()))
                .map(Coding::getCode).findFirst().orElse(null);
    }

    public static Optional<Identifier> patientIdentifier(Appointment a) {
        return a.getParticipant().stream()
                .map(p -> p.getActor())
                .filter(ref -> "Patient".equals(ref.getType()) && ref.hasIdentifier())
                .map(ref -> ref.getIdentifier())
                .findFirst();
    }
}
