package se.vardnav.notification;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import se.vardnav.connector.platform.PlatformAccount;
import se.vardnav.connector.platform.PlatformRejectedException;
import se.vardnav.connector.register.RegisterFacts;
import se.vardnav.connector.register.RegisterFacts.PersonRef;
import se.vardnav.connector.register.RegisterUnavailableException;
import se.vardnav.fhir.Fhir;
import se.vardnav.notification.NotificationPolicy.Decision;
import se.vardnav.notification.NotificationPolicy.Path;
import se.vardnav.notification.NotificationPolicy.Recipient;
import se.vardnav.support.TestPersons;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The notification policy's rules, with an in-memory register and account directory. */
class NotificationPolicyTest {
    private static final String PNR = Fhir.PERSONNUMMER;
    private final Map<String, RegisterFacts> facts = new HashMap<>();
    private final Map<String, PlatformAccount> accounts = new HashMap<>();
    private boolean registerDown;
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final NotificationPolicy policy = new NotificationPolicy(
            (oid, id) -> {
                if (registerDown) {
                    throw new RegisterUnavailableException("down");
                }
                return facts.getOrDefault(id, new RegisterFacts(false, false, false, false, true));
            },
            (system, id) -> {
                if ("refused".equals(id)) {
                    throw new PlatformRejectedException("platform answered HTTP 400", 400, null);
                }
                return Optional.ofNullable(accounts.get(id));
            },
            Set.of("chat-new-message-one")::contains,
            Clock.fixed(Instant.parse("2026-11-20T08:00:00Z"), ZoneId.of("UTC")), ZoneId.of("Europe/Stockholm"), meters);

    private Decision adult(String id, String template) {
        return policy.decide(PNR, id, "0701234567", template, Path.BOOKING);
    }

    private double skipped(String reason) {
        var c = meters.find("vardnav.notices.skipped").tag("reason", reason).counter();
        return c == null ? 0 : c.count();
    }

    @Test
    void anOrdinaryAdultGetsItOnTheGivenPhone() {
        Decision d = adult(TestPersons.next(), "booking-confirmation");
        assertThat(d.recipients()).containsExactly(new Recipient(null, "0701234567"));
    }

    @Test
    void deceasedAndEmigratedGetNothing() {
        String dead = TestPersons.next(), away = TestPersons.next();
        facts.put(dead, new RegisterFacts(false, false, true, false, true));
        facts.put(away, new RegisterFacts(false, false, false, true, true));
        assertThat(adult(dead, "booking-confirmation").sends()).isFalse();
        assertThat(policy.decide(PNR, dead, "0701234567", "chat-new-message-one", Path.CHAT).sends()).isFalse();
        assertThat(adult(away, "booking-confirmation").sends()).isFalse();
        assertThat(skipped("deceased")).isEqualTo(2);
        assertThat(skipped("emigrated")).isEqualTo(1);
    }

    @Test
    void protectedIdentityGetsOnlyTemplatesTheRegionAllowed() {
        String p = TestPersons.next();
        facts.put(p, new RegisterFacts(false, true, false, false, true));
        assertThat(adult(p, "booking-confirmation").skipped()).containsExactly("protected-identity");
        Decision allowed = adult(p, "chat-new-message-one");
        assertThat(allowed.sends()).isTrue();
        assertThat(allowed.protectedIdentity()).isTrue();
    }

    @Test
    void reservnummerOnlyWithAKnownPhoneAndWithoutAskingTheRegister() {
        registerDown = true; // the register is never asked about a reservnummer
        assertThat(policy.decide(Fhir.RESERVNUMMER, "999929-013705", null, "booking-confirmation", Path.BOOKING).skipped())
                .containsExactly("reservnummer-no-phone");
        assertThat(policy.decide(Fhir.RESERVNUMMER, "999929-013705", "0701234567", "booking-confirmation", Path.BOOKING).sends()).isTrue();
    }

    @Test
    void aBlockedAccountGetsNothingAndNoAccountIsFine() {
        String blocked = TestPersons.next(), without = TestPersons.next();
        accounts.put(blocked, new PlatformAccount("a1", false, "0709999999", null));
        assertThat(adult(blocked, "booking-confirmation").skipped()).containsExactly("blocked-account");
        assertThat(adult(without, "booking-confirmation").sends()).isTrue();
        assertThat(adult("refused", "booking-confirmation").sends()).isFalse();
    }

    @Test
    void theRegisterBeingDownFailsClosed() {
        registerDown = true;
        assertThatThrownBy(() -> adult(TestPersons.next(), "booking-confirmation")).isInstanceOf(RegisterUnavailableException.class);
    }

    @Test
    void aChildsNoticeGoesToEachGuardianWithAnAccountAndMobile() {
        String child = TestPersons.child(), mum = TestPersons.next(), dad = TestPersons.next(), gone = TestPersons.next(),
                noApp = TestPersons.next();
        facts.put(child, new RegisterFacts(false, false, false, false, true, List.of(ref(mum), ref(dad), ref(gone), ref(noApp))));
        facts.put(gone, new RegisterFacts(false, false, true, false, true));
        accounts.put(mum, new PlatformAccount("m", true, "0701111111", null));
        accounts.put(dad, new PlatformAccount("d", true, "0702222222", null));
        Decision d = policy.decide(PNR, child, "0703333333", "booking-confirmation", Path.BOOKING);
        assertThat(d.recipients()).extracting(Recipient::phone).containsExactly("0701111111", "0702222222");
        assertThat(d.recipients()).allMatch(Recipient::guardian)
                .allSatisfy(r -> assertThat(r.key()).doesNotContain(mum, dad).startsWith("p-"));
        assertThat(d.skipped()).containsExactly("guardian-deceased", "guardian-no-account");
    }

    @Test
    void aGuardianWithProtectedIdentityMakesTheHouseholdProtected() {
        String child = TestPersons.child(), hidden = TestPersons.next(), other = TestPersons.next();
        facts.put(child, new RegisterFacts(false, false, false, false, true, List.of(ref(hidden), ref(other))));
        facts.put(hidden, new RegisterFacts(true, false, false, false, true));
        accounts.put(hidden, new PlatformAccount("h", true, "0701111111", null));
        accounts.put(other, new PlatformAccount("o", true, "0702222222", null));
        assertThat(policy.decide(PNR, child, null, "booking-confirmation", Path.BOOKING).skipped())
                .containsExactly("guardian-protected-identity");
    }

    @Test
    void aChildWithoutGuardiansOrAsChatRecipientGetsNothing() {
        assertThat(policy.decide(PNR, TestPersons.child(), "0701234567", "booking-confirmation", Path.BOOKING).skipped())
                .containsExactly("child-guardian-unknown");
        assertThat(policy.decide(PNR, TestPersons.child(), "0701234567", "chat-new-message-one", Path.CHAT).skipped())
                .containsExactly("child-ombud-unknown");
    }

    @Test
    void anAdultWithoutPhoneIsSkippedBeforeAnyLookup() {
        registerDown = true;
        assertThat(policy.decide(PNR, TestPersons.next(), null, "booking-confirmation", Path.BOOKING).skipped()).containsExactly("no-phone");
    }

    private static PersonRef ref(String id) {
        return new PersonRef(Fhir.PERSONNUMMER_OID, id);
    }
}
