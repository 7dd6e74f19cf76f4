package se.vardnav.letter.routing;

import se.vardnav.booking.PatientPrivacy;
import se.vardnav.booking.PolicyDecision;
import se.vardnav.booking.Protection;
import se.vardnav.connector.mailbox.Reachability;
import se.vardnav.connector.platform.PlatformAccount;
import se.vardnav.connector.register.RegisterFacts;
import se.vardnav.identity.IdentityKind;
import se.vardnav.identity.Personnummer;
import se.vardnav.letter.LetterKind;

import java.time.LocalDate;
import java.util.Optional;
import java.util.Set;

/**
 * Where a letter goes (docs/architecture.md, "Letter routing"): a pure decision over the letter and what the peers say,
 * asked lazily and in an order that fails closed: privacy (journal flags, then the register) before any
 * channel, and a mailbox is only asked about an adult. The caller records and sends what it returns.
 */
public final class LetterRouting {
    public static final int MAILBOX_MIN_AGE = 18;

    /** The letter as routing sees it. */
    public record LetterFacts(LetterKind kind, String codeProblem, IdentityKind identityKind, String patientId, Set<Protection> journalFlags) {
        @Override
        public String toString() {
            return "LetterFacts[" + kind + "]";
        }
    }

    /** The peers, asked only when the decision needs them; each may throw a transient exception (the letter waits). */
    public interface Lookups {
        /** The population register's facts; empty when it cannot know the person (reserve number). */
        Optional<RegisterFacts> register();

        Optional<PlatformAccount> platformAccount();

        /** The patient's own digital mailbox (never a guardian's): reachable, with a configured operator, or why not. */
        Reachability mailbox();
    }

    /**
     * @param platform      deliver to the visit platform (and tell the patient by SMS)
     * @param mailbox       deliver to this mailbox (null: none)
     * @param printReason   put on the print list with this reason (null: not)
     * @param notSentReason send nowhere at all (deceased), with this reason
     * @param detail        what was decided and why, for the status report; no personal data
     */
    public record Route(boolean platform, Reachability mailbox, String printReason, String notSentReason, String detail) {
        static Route print(String reason) {
            return new Route(false, null, reason, null, "print list: " + reason);
        }

        static Route notSent(String reason) {
            return new Route(false, null, null, reason, "not sent: " + reason);
        }
    }

    private LetterRouting() {}

    public static Route decide(LetterFacts letter, LocalDate today, Lookups lookups) {
        if (letter.codeProblem() != null) {
            return Route.print(letter.codeProblem());
        }
        Optional<PolicyDecision> flagged = PatientPrivacy.byJournalFlags(letter.journalFlags());
        if (flagged.isPresent()) {
            return Route.print(privacyReason(flagged.get()));
        }
        if (letter.identityKind() == IdentityKind.RESERVNUMMER) {
            return Route.print("reservnummer: no platform account and no digital mailbox");
        }
        Optional<RegisterFacts> facts = lookups.register();
        Optional<PolicyDecision> registered = facts.flatMap(PatientPrivacy::byRegister);
        if (registered.isPresent()) {
            if (registered.get().withheldFor() == PolicyDecision.Reason.DECEASED) {
                return Route.notSent(registered.get().detail());
            }
            return Route.print(privacyReason(registered.get()));
        }
        if (facts.map(RegisterFacts::emigrated).orElse(false)) {
            return Route.print("emigrated according to the population register");
        }
        Optional<PlatformAccount> account = lookups.platformAccount();
        boolean platform = account.map(PlatformAccount::active).orElse(false);
        String noPlatform = account.isEmpty() ? "no platform account" : "platform account blocked by the patient";
        int age = Personnummer.parse(letter.patientId()).map(p -> p.ageOn(today)).orElse(0);
        Reachability mailbox;
        if (age < MAILBOX_MIN_AGE) {
            mailbox = Reachability.not("under " + MAILBOX_MIN_AGE + ": no authority mail to a digital mailbox");
        } else {
            mailbox = lookups.mailbox();
        }
        if (!platform && !mailbox.reachable()) {
            return Route.print(noPlatform + "; " + mailbox.reason());
        }
        String detail = (platform ? "platform" : noPlatform) + "; "
                + (mailbox.reachable() ? "mailbox " + mailbox.operatorName() : mailbox.reason());
        return new Route(platform, mailbox.reachable() ? mailbox : null, null, null, detail);
    }

    private static String privacyReason(PolicyDecision withheld) {
        return switch (withheld.withheldFor()) {
            case PROTECTED_IDENTITY -> "protected identity (" + withheld.detail() + "): paper only";
            case BLOCKED_JOURNAL -> "blocked journal (spärrad journal): paper only";
            default -> withheld.detail();
        };
    }
}
