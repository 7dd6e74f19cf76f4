package se.vardnav.notification;

import io.micrometer.core.instrument.MeterRegistry;
import se.vardnav.connector.platform.PlatformAccount;
import se.vardnav.connector.platform.PlatformRejectedException;
import se.vardnav.connector.register.PopulationRegister;
import se.vardnav.connector.register.RegisterFacts;
import se.vardnav.connector.register.RegisterUnavailableException;
import se.vardnav.fhir.Fhir;
import se.vardnav.identity.Personnummer;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The one place that decides who may be sent a patient-facing notice, as {@code booking.BookingPolicy}
 * is for bookings. Every path passes it: booking confirmation, change, cancellation and the reminder
 * (when planned), and chat new-message notices. Fails closed: when the register cannot be asked,
 * {@link RegisterUnavailableException} propagates and the event waits; nothing goes out unchecked.
 * <ul>
 * <li>deceased → nothing; emigrated → nothing (not folkbokförd any more: a Swedish number on file
 *     may have been handed on, and the privacy rules (docs/architecture.md) ask every outbound channel to respect the flag);</li>
 * <li>protected identity → only templates the region marked {@code <template>.protected-identity=allowed};</li>
 * <li>reservnummer → only to a phone the journal knows (no register entry, no platform account);</li>
 * <li>a patient-blocked platform account (spärrat konto) → nothing;</li>
 * <li>a child under 13 → its guardians instead, each checked like a patient and reached only on the
 *     mobile of their own platform account. If the child or any guardian has protected identity the
 *     household is treated as protected: a non-allowed template goes to no guardian, so one guardian
 *     never learns when and where a protected one will be with the child.</li>
 * </ul>
 * Each skip is counted as {@code vardnav.notices.skipped{reason}}; no reason or key carries a number.
 */
public class NotificationPolicy {
    static final int GUARDIAN_AGE = 13;
    /** Stands for an account lookup the platform refused (4xx): compared by identity. */
    private static final PlatformAccount UNCONFIRMED = new PlatformAccount("unconfirmed", false, null, null);

    /** Where a notice is headed: a booking's notices go to a child's guardians; chat notices do not (see {@link #decide}). */
    public enum Path { BOOKING, CHAT }

    /** The visit platform's account lookup ({@code PlatformClient::findAccount}). */
    @FunctionalInterface
    public interface Accounts {
        Optional<PlatformAccount> find(String identifierSystem, String identifier);
    }

    /** One person to send to: {@code key} is null for the patient, a pseudonym for a guardian. */
    public record Recipient(String key, String phone) {
        public boolean guardian() {
            return key != null;
        }

        @Override
        public String toString() {
            return "Recipient[" + (key == null ? "patient" : key) + "]";
        }
    }

    /**
     * Who gets the notice (possibly nobody) and why others did not. {@code protectedIdentity}: the
     * recipients are (or belong to a household) with protected identity, so any further template sent
     * with this notice (the reminder) must itself be allowed for protected identity.
     */
    public record Decision(List<Recipient> recipients, List<String> skipped, boolean protectedIdentity) {
        public boolean sends() {
            return !recipients.isEmpty();
        }
    }

    private final PopulationRegister register;
    private final Accounts accounts;
    private final Predicate<String> allowedForProtected;
    private final Clock clock;
    private final ZoneId zone;
    private final MeterRegistry meters;

    public NotificationPolicy(PopulationRegister register, Accounts accounts, Predicate<String> allowedForProtected,
                              Clock clock, ZoneId zone, MeterRegistry meters) {
        this.register = register;
        this.accounts = accounts;
        this.allowedForProtected = allowedForProtected;
        this.clock = clock;
        this.zone = zone;
        this.meters = meters;
    }

    /**
     * @param system   the patient's identifier system (personnummer, samordningsnummer, reservnummer); null if none
     * @param id       the identifier's value
     * @param phone    the number the sender knows for the patient (journal PID-13, platform telecom); may be null
     * @param template the template that would be sent
     * @param path     for {@link Path#CHAT} a child under 13 gets nothing: only the guardian chosen as
     *                 ombud may be told, and the platform's message does not say which one that is
     */
    public Decision decide(String system, String id, String phone, String template, Path path) {
        Decision d = judge(system, id, phone, template, path);
        d.skipped().forEach(reason -> meters.counter("vardnav.notices.skipped", "reason", reason).increment());
        return d;
    }

    /**
     * Asked again when something planned earlier goes out (a reminder): does the policy, with the register
     * and the platform as they are now, still send {@code template} to this recipient?
     * @param recipientKey null for the patient, else the guardian's pseudonym as in {@link Recipient#key()}
     * @throws RegisterUnavailableException (or the platform's transient failure) when it cannot be known now
     */
    public boolean stillReaches(String system, String id, String phone, String template, String recipientKey) {
        return decide(system, id, phone, template, Path.BOOKING).recipients().stream()
                .anyMatch(r -> java.util.Objects.equals(r.key(), recipientKey));
    }

    private Decision judge(String system, String id, String phone, String template, Path path) {
        if (system == null || id == null || id.isBlank()) {
            return skip("no-patient-identity");
        }
        String oid = registerOid(system);
        if (oid == null) {
            // reservnummer: the register does not know it and the patient has no platform account
            return hasText(phone) ? send(new Recipient(null, phone)) : skip("reservnummer-no-phone");
        }
        boolean child = isChild(id);
        if (!child && !hasText(phone)) {
            return skip("no-phone"); // before asking anyone: nothing could be sent anyway
        }
        RegisterFacts facts = register.lookup(oid, id);
        Optional<String> barred = barred(facts, template, "");
        if (barred.isPresent()) {
            return skip(barred.get());
        }
        if (child) {
            return path == Path.CHAT ? skip("child-ombud-unknown") : guardians(facts, template);
        }
        Optional<PlatformAccount> account = account(system, id);
        if (account.isPresent() && account.get() == UNCONFIRMED) {
            return skip("account-lookup-refused");
        }
        if (account.isPresent() && !account.get().active()) {
            return skip("blocked-account");
        }
        return new Decision(List.of(new Recipient(null, phone)), List.of(), facts.protectedIdentity());
    }

    private Decision guardians(RegisterFacts child, String template) {
        if (child.guardians().isEmpty()) {
            return skip("child-guardian-unknown");
        }
        List<RegisterFacts.PersonRef> refs = new ArrayList<>();
        List<RegisterFacts> facts = new ArrayList<>();
        for (RegisterFacts.PersonRef g : child.guardians()) {
            if (registerSystem(g.oid()) != null) {
                refs.add(g);
                facts.add(register.lookup(g.oid(), g.id()));
            }
        }
        List<String> skipped = new ArrayList<>();
        boolean household = child.protectedIdentity() || facts.stream().anyMatch(RegisterFacts::protectedIdentity);
        if (household && !allowedForProtected.test(template)) {
            return skip("guardian-protected-identity");
        }
        List<Recipient> to = new ArrayList<>();
        for (int i = 0; i < refs.size(); i++) {
            RegisterFacts.PersonRef g = refs.get(i);
            Optional<String> barred = barred(facts.get(i), template, "guardian-");
            if (barred.isPresent()) {
                skipped.add(barred.get());
                continue;
            }
            String gSystem = registerSystem(g.oid());
            Optional<PlatformAccount> account = account(gSystem, g.id());
            if (account.isEmpty()) {
                skipped.add("guardian-no-account");
            } else if (account.get() == UNCONFIRMED) {
                skipped.add("guardian-account-lookup-refused");
            } else if (!account.get().active()) {
                skipped.add("guardian-blocked-account");
            } else if (account.get().mobileNumber().isEmpty()) {
                skipped.add("guardian-no-mobile");
            } else {
                to.add(new Recipient(ChatMessage.pseudonym(gSystem + "|" + g.id()), account.get().mobileNumber().get()));
            }
        }
        if (refs.isEmpty()) {
            skipped.add("child-guardian-unknown");
        }
        return new Decision(List.copyOf(to), List.copyOf(skipped), household);
    }

    /** The register's flags that stop a notice to this person, as a reason. */
    private Optional<String> barred(RegisterFacts facts, String template, String prefix) {
        if (facts.deceased()) {
            return Optional.of(prefix + "deceased");
        }
        if (facts.emigrated()) {
            return Optional.of(prefix + "emigrated");
        }
        if (facts.protectedIdentity() && !allowedForProtected.test(template)) {
            return Optional.of(prefix + "protected-identity");
        }
        return Optional.empty();
    }

    /**
     * A refused lookup (4xx) is not retried: no account can be confirmed, so the notice is not sent.
     * A transient failure propagates and the event waits, like a register that is down.
     */
    private Optional<PlatformAccount> account(String system, String id) {
        try {
            return accounts.find(system, id);
        } catch (PlatformRejectedException refused) {
            return Optional.of(UNCONFIRMED);
        }
    }

    private boolean isChild(String id) {
        LocalDate today = LocalDate.now(clock.withZone(zone));
        return Personnummer.parse(id).map(p -> p.ageOn(today) < GUARDIAN_AGE).orElse(false);
    }

    private static String registerOid(String system) {
        if (Fhir.PERSONNUMMER.equals(system)) {
            return Fhir.PERSONNUMMER_OID;
        }
        return Fhir.SAMORDNINGSNUMMER.equals(system) ? Fhir.SAMORDNINGSNUMMER_OID : null;
    }

    private static String registerSystem(String oid) {
        if (Fhir.PERSONNUMMER_OID.equals(oid)) {
            return Fhir.PERSONNUMMER;
        }
        return Fhir.SAMORDNINGSNUMMER_OID.equals(oid) ? Fhir.SAMORDNINGSNUMMER : null;
    }

    private static boolean hasText(String s) {
        return s != null && !s.isBlank();
    }

    private static Decision send(Recipient r) {
        return new Decision(List.of(r), List.of(), false);
    }

    private static Decision skip(String reason) {
        return new Decision(List.of(), List.of(reason), false);
    }
}
