package se.vardnav.notification.app;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.vardnav.connector.platform.PlatformAccount;
import se.vardnav.identity.IdentityKind;
import se.vardnav.identity.PatientIdentity;
import se.vardnav.notification.NotificationPolicy;
import se.vardnav.notification.SmsRequest;
import se.vardnav.notification.SmsTemplates;
import se.vardnav.notification.sms.E164;
import se.vardnav.notification.sms.InvalidPhoneNumberException;
import se.vardnav.notification.sms.PhoneNumbers;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * "Skicka SMS om appen": staff name the patient and pick an app; the patient gets an SMS with the app's name and
 * download link. Only to the mobile number the visit platform has for that patient (the account's), never to a
 * number the caller makes up: a number given along must be that one. The notification policy decides as for every
 * patient-facing SMS (deceased, protected identity, blocked account, child), and each patient gets at most a few
 * such SMS a day ({@link AppSmsRateLimit}). It goes through notify.sms like every SMS (sent once per business key,
 * recorded in sms_send). When the platform or the register cannot answer, the exception propagates: nothing is sent.
 */
public class AppInvitations {
    public static final String TEMPLATE = "app-invitation";
    private static final Logger log = LoggerFactory.getLogger(AppInvitations.class);

    /** An app the region offers: its name as the patient knows it and where to download it. */
    public record App(String name, String link) {}

    /** What was queued: the business key and the number, masked. */
    public record Queued(String businessKey, String maskedNumber, String app) {}

    /** Refused before anything was queued; the reason never contains the number or the patient. */
    public static class RefusedException extends Exception {
        public RefusedException(String reason) {
            super(reason);
        }
    }

    private final Map<String, App> apps;
    private final SmsTemplates templates;
    private final Consumer<SmsRequest> queue;
    private final NotificationPolicy.Accounts accounts;
    private final NotificationPolicy policy;
    private final AppSmsRateLimit limit;

    public AppInvitations(Map<String, App> apps, SmsTemplates templates, Consumer<SmsRequest> queue,
                          NotificationPolicy.Accounts accounts, NotificationPolicy policy, AppSmsRateLimit limit) {
        this.apps = Map.copyOf(apps);
        this.templates = templates;
        this.queue = queue;
        this.accounts = accounts;
        this.policy = policy;
        this.limit = limit;
    }

    /**
     * Queues the invitation durably (returns once it is on notify.sms).
     *
     * @param mobile the number staff were told, or null; when given it must be the platform's number for the patient
     */
    public Queued invite(String patientSystem, String patientId, String mobile, String appId)
            throws RefusedException, AppSmsRateLimit.LimitedException {
        App app = appId == null ? null : apps.get(appId.strip());
        if (app == null) {
            throw new RefusedException("app must be one of " + apps.keySet().stream().sorted().toList());
        }
        PatientIdentity patient = patient(patientSystem, patientId);
        E164 given = null;
        if (mobile != null && !mobile.isBlank()) {
            try {
                given = PhoneNumbers.normaliseMobile(mobile);
            } catch (InvalidPhoneNumberException e) {
                throw new RefusedException("mobile " + e.reason());
            }
        }
        limit.check(patient.system(), patient.value());

        Optional<PlatformAccount> account = accounts.find(patient.system(), patient.value());
        E164 to = account.flatMap(PlatformAccount::mobileNumber).flatMap(AppInvitations::mobileOrEmpty)
                .orElseThrow(() -> new RefusedException("the visit platform has no mobile number for this patient"));
        if (given != null && !given.equals(to)) {
            throw new RefusedException("mobile is not the number the visit platform has for this patient");
        }
        NotificationPolicy.Decision decision = policy.decide(patient.system(), patient.value(), to.value(), TEMPLATE,
                NotificationPolicy.Path.CHAT);
        if (!decision.sends()) {
            // the reason (deceased, protected identity, …) is about the person: logged as a code, not told to the caller
            log.info("App SMS not sent: {}", decision.skipped());
            throw new RefusedException("no SMS about the app may be sent to this patient (notification policy)");
        }

        long slot = limit.take(patient.system(), patient.value());
        String key = "app|" + appId.strip() + "|" + UUID.randomUUID();
        String text = templates.render(TEMPLATE, Map.of("app", app.name(), "lank", app.link()));
        try {
            queue.accept(new SmsRequest(key, to.value(), text, null, TEMPLATE));
        } catch (RuntimeException e) {
            limit.release(slot);
            throw e;
        }
        return new Queued(key, mask(to), appId.strip());
    }

    /** A personnummer or samordningsnummer, valid: the platform's accounts are keyed by those. */
    private static PatientIdentity patient(String system, String id) throws RefusedException {
        if (system == null || id == null || id.isBlank()) {
            throw new RefusedException("patient (an Identifier with a personnummer or samordningsnummer) is required");
        }
        IdentityKind kind = java.util.Arrays.stream(IdentityKind.values()).filter(k -> k.system().equals(system.strip()))
                .findFirst().orElse(null);
        if (kind == null || kind == IdentityKind.RESERVNUMMER) {
            throw new RefusedException("patient.system must be personnummer or samordningsnummer (a reservnummer has no platform account)");
        }
        try {
            return PatientIdentity.classify(id, kind.oid());
        } catch (PatientIdentity.InvalidIdentityException e) {
            throw new RefusedException("patient: " + e.getMessage());
        }
    }

    private static Optional<E164> mobileOrEmpty(String number) {
        try {
            return Optional.of(PhoneNumbers.normaliseMobile(number));
        } catch (InvalidPhoneNumberException notAMobile) {
            return Optional.empty();
        }
    }

    /** {@code +46731234567 → +4673-XXXXXXX}: country and operator prefix only. */
    static String mask(E164 number) {
        String v = number.value();
        int head = Math.min(5, v.length());
        return v.substring(0, head) + "-" + "X".repeat(v.length() - head);
    }
}
