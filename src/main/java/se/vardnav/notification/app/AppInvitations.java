package se.vardnav.notification.app;

import se.vardnav.notification.SmsRequest;
import se.vardnav.notification.SmsTemplates;
import se.vardnav.notification.sms.E164;
import se.vardnav.notification.sms.InvalidPhoneNumberException;
import se.vardnav.notification.sms.PhoneNumbers;

import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * "Skicka SMS om appen": staff enter a mobile number and pick an app; the patient gets an SMS with the
 * app's name and download link. It goes through notify.sms like every SMS (sent once per business key,
 * recorded in sms_send). No patient identity is given, so there is nothing to check in the register:
 * the number is the one staff were just told.
 */
public class AppInvitations {
    public static final String TEMPLATE = "app-invitation";

    /** An app the region offers: its name as the patient knows it and where to download it. */
    public record App(String name, String link) {}

    /** What was queued: the business key and the number, masked. */
    public record Queued(String businessKey, String maskedNumber, String app) {}

    /** Refused before anything was queued; the reason never contains the number. */
    public static class RefusedException extends Exception {
        public RefusedException(String reason) {
            super(reason);
        }
    }

    private final Map<String, App> apps;
    private final SmsTemplates templates;
    private final Consumer<SmsRequest> queue;

    public AppInvitations(Map<String, App> apps, SmsTemplates templates, Consumer<SmsRequest> queue) {
        this.apps = Map.copyOf(apps);
        this.templates = templates;
        this.queue = queue;
    }

    /** Queues the invitation durably (returns once it is on notify.sms). */
    public Queued invite(String mobile, String appId) throws RefusedException {
        App app = appId == null ? null : apps.get(appId.strip());
        if (app == null) {
            throw new RefusedException("app must be one of " + apps.keySet().stream().sorted().toList());
        }
        E164 to;
        try {
            to = PhoneNumbers.normaliseMobile(mobile);
        } catch (InvalidPhoneNumberException e) {
            throw new RefusedException("mobile " + e.reason());
        }
        String key = "app|" + appId.strip() + "|" + UUID.randomUUID();
        String text = templates.render(TEMPLATE, Map.of("app", app.name(), "lank", app.link()));
        queue.accept(new SmsRequest(key, to.value(), text, null, TEMPLATE));
        return new Queued(key, mask(to), appId.strip());
    }

    /** {@code +46731234567 → +4673-XXXXXXX}: country and operator prefix only. */
    static String mask(E164 number) {
        String v = number.value();
        int head = Math.min(5, v.length());
        return v.substring(0, head) + "-" + "X".repeat(v.length() - head);
    }
}
