package se.vardnav.booking;

import se.vardnav.connector.register.PopulationRegister;
import se.vardnav.connector.register.RegisterFacts;
import se.vardnav.fhir.Fhir;

import java.util.Optional;
import java.util.Set;

import static se.vardnav.booking.PolicyDecision.Reason.*;

/**
 * The privacy rule on a patient that every outbound path shares (bookings, letters): protected
 * identity or a blocked journal from the journal system's flags, then protected identity and
 * deceased from the population register. Fails closed: a register that cannot be asked throws
 * {@link se.vardnav.connector.register.RegisterUnavailableException}, and the event waits.
 */
public class PatientPrivacy {
    private final PopulationRegister register;

    public PatientPrivacy(PopulationRegister register) {
        this.register = register;
    }

    /** The journal system's flags on the patient; withheld if any is set. */
    public static Optional<PolicyDecision> byJournalFlags(Set<Protection> flags) {
        if (flags.contains(Protection.SEKRETESSMARKERING) || flags.contains(Protection.SKYDDAD_FOLKBOKFORING)) {
            return Optional.of(PolicyDecision.withhold(PROTECTED_IDENTITY, "protection flag from the journal system"));
        }
        if (flags.contains(Protection.SPARRAD_JOURNAL)) {
            return Optional.of(PolicyDecision.withhold(BLOCKED_JOURNAL, "journal blocked (spärrad journal)"));
        }
        return Optional.empty();
    }

    /** The journal's flag for a FHIR security label code (SecurityLabel or journal-restriction system), if it is one. */
    public static Optional<Protection> protectionOf(String system, String code) {
        if (Fhir.SECURITY_LABEL.equals(system) && Fhir.SEKRETESSMARKERING.equals(code)) {
            return Optional.of(Protection.SEKRETESSMARKERING);
        }
        if (Fhir.SECURITY_LABEL.equals(system) && Fhir.SKYDDAD_FOLKBOKFORING.equals(code)) {
            return Optional.of(Protection.SKYDDAD_FOLKBOKFORING);
        }
        if (Fhir.JOURNAL_RESTRICTION.equals(system) && Fhir.SPARRAD_JOURNAL.equals(code)) {
            return Optional.of(Protection.SPARRAD_JOURNAL);
        }
        return Optional.empty();
    }

    /**
     * What the register says about the patient; empty for a reserve number (local: the register does
     * not know it, the journal's flags are all there is).
     */
    public Optional<RegisterFacts> registerFacts(String identifierSystem, String identifier) {
        String oid = Fhir.PERSONNUMMER.equals(identifierSystem) ? Fhir.PERSONNUMMER_OID
                : Fhir.SAMORDNINGSNUMMER.equals(identifierSystem) ? Fhir.SAMORDNINGSNUMMER_OID : null;
        return oid == null ? Optional.empty() : Optional.of(register.lookup(oid, identifier));
    }

    /** Withheld for protected identity or death according to the register. */
    public static Optional<PolicyDecision> byRegister(RegisterFacts facts) {
        if (facts.protectedIdentity()) {
            return Optional.of(PolicyDecision.withhold(PROTECTED_IDENTITY, "protected identity in the population register"));
        }
        if (facts.deceased()) {
            return Optional.of(PolicyDecision.withhold(DECEASED, "deceased according to the population register"));
        }
        return Optional.empty();
    }
}
