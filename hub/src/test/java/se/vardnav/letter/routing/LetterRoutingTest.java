package se.vardnav.letter.routing;

import org.junit.jupiter.api.Test;
import se.vardnav.booking.Protection;
import se.vardnav.connector.mailbox.Reachability;
import se.vardnav.connector.platform.PlatformAccount;
import se.vardnav.connector.register.RegisterFacts;
import se.vardnav.connector.register.RegisterUnavailableException;
import se.vardnav.identity.IdentityKind;
import se.vardnav.identity.Personnummer;
import se.vardnav.letter.LetterKind;

import java.time.LocalDate;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The letter routing table (docs/architecture.md, "Letter routing"), one row per test, without Camel or peers. */
class LetterRoutingTest {
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 22);
    private static final String ADULT = pnr("800101", "123");
    private static final String SEVENTEEN = pnr("090601", "234");
    private static final RegisterFacts PLAIN = new RegisterFacts(false, false, false, false, true);
    private static final Reachability KIVRA = Reachability.reachable("165568402266", "Kivra", "https://kivra.example/Service");

    private static String pnr(String yymmdd, String serial) {
        String nine = yymmdd + serial;
        return (yymmdd.startsWith("0") ? "20" : "19") + nine + Personnummer.luhn(nine);
    }

    /** Peers as fixed answers, counting what was asked. */
    private static class Peers implements LetterRouting.Lookups {
        RegisterFacts facts = PLAIN;
        Optional<PlatformAccount> account = Optional.empty();
        Reachability mailbox = Reachability.not(Reachability.NO_SECURE_MAILBOX);
        int registerAsked, mailboxAsked;

        @Override
        public Optional<RegisterFacts> register() {
            registerAsked++;
            return Optional.of(facts);
        }

        @Override
        public Optional<PlatformAccount> platformAccount() {
            return account;
        }

        @Override
        public Reachability mailbox() {
            mailboxAsked++;
            return mailbox;
        }

        Peers withAccount() {
            account = Optional.of(new PlatformAccount("acc-1", true, "0701234567", null));
            return this;
        }

        Peers withMailbox() {
            mailbox = KIVRA;
            return this;
        }
    }

    private static LetterRouting.LetterFacts ebrev(String patient) {
        return new LetterRouting.LetterFacts(LetterKind.EBREV, null, IdentityKind.PERSONNUMMER, patient, Set.of());
    }

    @Test
    void adultWithAccountAndMailboxGoesToBoth() {
        var route = LetterRouting.decide(ebrev(ADULT), TODAY, new Peers().withAccount().withMailbox());
        assertThat(route.platform()).isTrue();
        assertThat(route.mailbox()).isEqualTo(KIVRA);
        assertThat(route.printReason()).isNull();
    }

    @Test
    void seventeenYearOldWithMailboxGetsThePlatformOnlyAndTheMailboxIsNotAsked() {
        Peers peers = new Peers().withAccount().withMailbox();
        var route = LetterRouting.decide(ebrev(SEVENTEEN), TODAY, peers);
        assertThat(route.platform()).isTrue();
        assertThat(route.mailbox()).isNull();
        assertThat(peers.mailboxAsked).isZero();
    }

    @Test
    void seventeenYearOldWithoutAccountIsPrinted() {
        var route = LetterRouting.decide(ebrev(SEVENTEEN), TODAY, new Peers().withMailbox());
        assertThat(route.printReason()).contains("under 18");
    }

    @Test
    void adultWithMailboxOnlyGoesToTheMailbox() {
        var route = LetterRouting.decide(ebrev(ADULT), TODAY, new Peers().withMailbox());
        assertThat(route.platform()).isFalse();
        assertThat(route.mailbox()).isEqualTo(KIVRA);
    }

    @Test
    void noAccountAndNoMailboxIsPrinted() {
        var route = LetterRouting.decide(ebrev(ADULT), TODAY, new Peers());
        assertThat(route.printReason()).contains("no platform account").contains(Reachability.NO_SECURE_MAILBOX);
    }

    @Test
    void mailboxDecliningTheSenderLeavesThePlatformOrPaper() {
        Peers withAccount = new Peers().withAccount();
        withAccount.mailbox = Reachability.not(Reachability.SENDER_NOT_ACCEPTED);
        assertThat(LetterRouting.decide(ebrev(ADULT), TODAY, withAccount)).satisfies(r -> {
            assertThat(r.platform()).isTrue();
            assertThat(r.mailbox()).isNull();
            assertThat(r.printReason()).isNull();
        });
        Peers without = new Peers();
        without.mailbox = Reachability.not(Reachability.SENDER_NOT_ACCEPTED);
        assertThat(LetterRouting.decide(ebrev(ADULT), TODAY, without).printReason()).contains(Reachability.SENDER_NOT_ACCEPTED);
    }

    @Test
    void reservnummerIsPrintedWithoutAskingAnyPeer() {
        Peers peers = new Peers().withAccount().withMailbox();
        var facts = new LetterRouting.LetterFacts(LetterKind.EBREV, null, IdentityKind.RESERVNUMMER, "98240301AA06", Set.of());
        assertThat(LetterRouting.decide(facts, TODAY, peers).printReason()).contains("reservnummer");
        assertThat(peers.registerAsked + peers.mailboxAsked).isZero();
    }

    @Test
    void aControlCodeProblemIsPrintedWithItsReason() {
        var facts = new LetterRouting.LetterFacts(LetterKind.EBREV, "control code [4US:LPAT] missing", IdentityKind.PERSONNUMMER, ADULT, Set.of());
        assertThat(LetterRouting.decide(facts, TODAY, new Peers().withAccount()).printReason()).isEqualTo("control code [4US:LPAT] missing");
    }

    @Test
    void protectedIdentityFromTheJournalOrTheRegisterNeverReachesPlatformOrMailbox() {
        Peers peers = new Peers().withAccount().withMailbox();
        var flagged = new LetterRouting.LetterFacts(LetterKind.KALLELSE, null, IdentityKind.PERSONNUMMER, ADULT, EnumSet.of(Protection.SEKRETESSMARKERING));
        assertThat(LetterRouting.decide(flagged, TODAY, peers).printReason()).contains("protected identity");
        assertThat(peers.registerAsked + peers.mailboxAsked).isZero();

        Peers registered = new Peers().withAccount().withMailbox();
        registered.facts = new RegisterFacts(false, true, false, false, true);
        var route = LetterRouting.decide(ebrev(ADULT), TODAY, registered);
        assertThat(route.platform()).isFalse();
        assertThat(route.mailbox()).isNull();
        assertThat(route.printReason()).contains("protected identity");
        assertThat(registered.mailboxAsked).isZero();
    }

    @Test
    void deceasedIsSentNowhere() {
        Peers peers = new Peers().withAccount().withMailbox();
        peers.facts = new RegisterFacts(false, false, true, false, true);
        var route = LetterRouting.decide(ebrev(ADULT), TODAY, peers);
        assertThat(route.notSentReason()).contains("deceased");
        assertThat(route.platform()).isFalse();
        assertThat(route.printReason()).isNull();
    }

    @Test
    void aBlockedAccountIsNoAccount() {
        Peers peers = new Peers();
        peers.account = Optional.of(new PlatformAccount("acc-2", false, null, null));
        assertThat(LetterRouting.decide(ebrev(ADULT), TODAY, peers).printReason()).contains("blocked");
    }

    @Test
    void aRegisterThatCannotBeAskedStopsTheDecision() {
        LetterRouting.Lookups down = new Peers() {
            @Override
            public Optional<RegisterFacts> register() {
                throw new RegisterUnavailableException("register down", null);
            }
        };
        assertThatThrownBy(() -> LetterRouting.decide(ebrev(ADULT), TODAY, down)).isInstanceOf(RegisterUnavailableException.class);
    }
}
