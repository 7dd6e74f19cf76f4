package se.vardnav.visit;

import se.vardnav.booking.PatientPrivacy;
import se.vardnav.booking.PolicyDecision;
import se.vardnav.identity.IdentityKind;

import java.util.Optional;

/**
 * The privacy rule for what a visit may send by itself, through the same {@link PatientPrivacy} every booking and
 * letter passes: a patient with protected identity (journal flag or population register) or a blocked journal gets
 * nothing sent automatically, neither to the journal system nor to staff channels; the visit is recorded as
 * withheld with the reason and documented by hand, as before the hub. A deceased patient's visit still reaches the
 * journal (the record is where it belongs). Fails closed: a register that cannot be asked throws and the event waits.
 */
public class VisitPrivacy {
    private final PatientPrivacy privacy;

    public VisitPrivacy(PatientPrivacy privacy) {
        this.privacy = privacy;
    }

    /** Empty when the visit may go on; the reason when it is withheld. */
    public Optional<PolicyDecision> withheld(Visit visit) {
        Optional<PolicyDecision> flagged = PatientPrivacy.byJournalFlags(visit.protections());
        if (flagged.isPresent()) {
            return flagged;
        }
        IdentityKind kind = visit.patient().kind();
        return privacy.registerFacts(kind.system(), visit.patient().value())
                .flatMap(PatientPrivacy::byRegister)
                .filter(d -> d.withheldFor() != PolicyDecision.Reason.DECEASED);
    }
}
