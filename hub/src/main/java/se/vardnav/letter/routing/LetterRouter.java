package se.vardnav.letter.routing;

import se.vardnav.broker.HubHeaders;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;
import se.vardnav.booking.PatientPrivacy;
import se.vardnav.booking.Protection;
import se.vardnav.connector.mailbox.MailboxDirectory;
import se.vardnav.connector.mailbox.MailboxOperators;
import se.vardnav.connector.mailbox.Reachability;
import se.vardnav.connector.platform.PlatformAccount;
import se.vardnav.connector.platform.PlatformClient;
import se.vardnav.connector.register.RegisterFacts;
import se.vardnav.fhir.Fhir;
import se.vardnav.letter.AccountHandover;
import se.vardnav.letter.Letter;
import se.vardnav.letter.Letters;
import se.vardnav.letter.print.PrintList;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Routes one letter from {@code hub.letter}: asks {@link LetterRouting}, records the decision (channels,
 * print list) in one database transaction, and tells the route where to send it by headers. A redelivered
 * event is not decided again: the channels still pending are sent again (every leg is idempotent).
 */
public class LetterRouter {
    private static final String TO_PLATFORM = HubHeaders.LETTER_TO_PLATFORM;
    private static final String TO_MAILBOX = HubHeaders.LETTER_MAILBOX_QUEUE;
    private static final String OPERATOR = HubHeaders.LETTER_OPERATOR;
    private static final Logger log = LoggerFactory.getLogger(LetterRouter.class);

    private final Letters letters;
    private final PrintList printList;
    private final PatientPrivacy privacy;
    private final PlatformClient platform;
    private final MailboxDirectory directory;
    private final MailboxOperators operators;
    private final String mailboxQueuePrefix;
    private final Clock clock;
    private final ZoneId zone;
    private final TransactionTemplate tx;
    private final AccountHandover handover;

    /** @param directory and operators may be null when no mailbox connector is configured: no letter goes to a mailbox then */
    public LetterRouter(Letters letters, PrintList printList, PatientPrivacy privacy, PlatformClient platform, MailboxDirectory directory,
                        MailboxOperators operators, String mailboxQueuePrefix, TransactionTemplate tx, Clock clock, ZoneId zone,
                        AccountHandover handover) {
        this.handover = handover;
        this.letters = letters;
        this.printList = printList;
        this.privacy = privacy;
        this.platform = platform;
        this.directory = directory;
        this.operators = operators;
        this.mailboxQueuePrefix = mailboxQueuePrefix;
        this.clock = clock;
        this.zone = zone;
        this.tx = tx;
    }

    public void route(Message message) {
        String letterId = message.getBody(String.class);
        Letter letter = letters.get(letterId);
        message.setHeader(TO_PLATFORM, false);
        if (!"RECEIVED".equals(letter.routingStatus())) {
            resendPending(letter, message);
            return;
        }
        LetterRouting.Route route = LetterRouting.decide(facts(letter), LocalDate.now(clock.withZone(zone)), lookups(letter));
        Boolean claimed = tx.execute(s -> record(letter, route));
        if (!Boolean.TRUE.equals(claimed)) {
            resendPending(letters.get(letterId), message); // routed meanwhile by another consumer
            return;
        }
        log.info("Letter {} routed: {}", letterId, route.detail());
        setHeaders(message, letterId, route.platform(), route.mailbox() == null ? null : route.mailbox().operatorId());
    }

    private boolean record(Letter letter, LetterRouting.Route route) {
        String status = route.notSentReason() != null ? "NOT_SENT" : "ROUTED";
        if (!letters.markRouted(letter.id(), status, route.detail())) {
            return false;
        }
        if (route.platform()) {
            letters.addDelivery(letter.id(), Letters.PLATFORM, "PENDING", null, null);
        }
        if (route.mailbox() != null) {
            Reachability m = route.mailbox();
            letters.addDelivery(letter.id(), Letters.MAILBOX_PREFIX + m.operatorId(), "PENDING", m.operatorName(), m.serviceAddress());
        }
        if (route.printReason() != null) {
            printList.add(letter.id(), letter.kind().printType(), route.printReason());
            letters.addDelivery(letter.id(), Letters.PRINT, "PENDING", route.printReason(), null);
        }
        return true;
    }

    private void resendPending(Letter letter, Message message) {
        Map<String, String> pending = letters.deliveries(letter.id());
        boolean platformPending = "PENDING".equals(pending.get(Letters.PLATFORM));
        String operator = pending.entrySet().stream()
                .filter(e -> e.getKey().startsWith(Letters.MAILBOX_PREFIX) && "PENDING".equals(e.getValue()))
                .map(e -> e.getKey().substring(Letters.MAILBOX_PREFIX.length())).findFirst().orElse(null);
        setHeaders(message, letter.id(), platformPending, operator);
    }

    private void setHeaders(Message message, String letterId, boolean toPlatform, String operatorId) {
        message.setHeader(TO_PLATFORM, toPlatform);
        if (operatorId != null) {
            message.setHeader(TO_MAILBOX, mailboxQueuePrefix + operatorId);
            message.setHeader(OPERATOR, operatorId);
        }
        message.setBody(letterId);
    }

    private static LetterRouting.LetterFacts facts(Letter letter) {
        Set<Protection> flags = EnumSet.noneOf(Protection.class);
        for (String code : letter.securityLabels()) {
            PatientPrivacy.protectionOf(Fhir.SECURITY_LABEL, code).ifPresent(flags::add);
            PatientPrivacy.protectionOf(Fhir.JOURNAL_RESTRICTION, code).ifPresent(flags::add);
        }
        return new LetterRouting.LetterFacts(letter.kind(), letter.codeProblem(), letter.patientKind(), letter.patientId(), flags);
    }

    private LetterRouting.Lookups lookups(Letter letter) {
        return new LetterRouting.Lookups() {
            @Override
            public Optional<RegisterFacts> register() {
                return privacy.registerFacts(letter.patientSystem(), letter.patientId());
            }

            @Override
            public Optional<PlatformAccount> platformAccount() {
                Optional<PlatformAccount> account = platform.findAccount(letter.patientSystem(), letter.patientId());
                handover.put(letter.id(), account); // the platform leg needs its mobile in a moment
                return account;
            }

            @Override
            public Reachability mailbox() {
                if (directory == null || operators == null) {
                    return Reachability.not("no digital mailbox service configured");
                }
                Reachability r = directory.isReachable(letter.patientId());
                if (r.reachable() && operators.byId(r.operatorId()).isEmpty()) {
                    return Reachability.not("mailbox operator " + r.operatorName() + " is not configured in the hub");
                }
                return r.reachable() ? r : Reachability.not(r.reason() == null ? "no digital mailbox" : "digital mailbox: " + r.reason());
            }
        };
    }
}
