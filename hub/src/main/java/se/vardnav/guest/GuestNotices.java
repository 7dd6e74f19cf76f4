package se.vardnav.guest;

import se.vardnav.notification.SmsRequest;
import se.vardnav.notification.SmsTemplates;
import se.vardnav.notification.email.EmailRequest;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a guest is sent, by SMS and/or e-mail, from the region's templates: an invitation with the
 * guest's own link, a new one after a reschedule, or word that the meeting is cancelled. The business
 * key is per guest, booking version and channel, so each is sent once.
 */
public class GuestNotices {
    public static final String INVITATION = "guest-invitation";
    public static final String CHANGED = "guest-invitation-changed";
    public static final String CANCELLED = "guest-cancelled";
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");
    private final SmsTemplates sms;
    private final SmsTemplates email;
    private final ZoneId zone;
    private final String linkBase;
    private final GuestTokens tokens;

    public GuestNotices(SmsTemplates sms, SmsTemplates email, ZoneId zone, String linkBase, GuestTokens tokens) {
        this.sms = sms;
        this.email = email;
        this.zone = zone;
        this.linkBase = linkBase;
        this.tokens = tokens;
    }

    /** An SMS or an e-mail to queue. */
    public record Planned(SmsRequest sms, EmailRequest email) {
        public String businessKey() {
            return sms != null ? sms.businessKey() : email.businessKey();
        }
    }

    /** The tokens that make and read this region's links. */
    public GuestTokens tokens() {
        return tokens;
    }

    public String url(GuestStore.Link link) {
        return linkBase + tokens.token(link.nonce());
    }

    public List<Planned> invitation(GuestStore.Guest guest, GuestStore.Link link, String bookingId, Instant start, boolean changed) {
        Map<String, String> values = new java.util.HashMap<>(when(start));
        values.put("lank", url(link));
        return plan(guest, (changed ? CHANGED : INVITATION), "guest|" + guest.id() + "|" + link.roundVersion() + "|invite", bookingId, values);
    }

    public List<Planned> cancelled(GuestStore.Guest guest, long cancelVersion, String bookingId, Instant start) {
        return plan(guest, CANCELLED, "guest|" + guest.id() + "|" + cancelVersion + "|cancel", bookingId, when(start));
    }

    private List<Planned> plan(GuestStore.Guest guest, String template, String key, String bookingId, Map<String, String> values) {
        List<Planned> planned = new ArrayList<>(2);
        if (guest.phone() != null) {
            planned.add(new Planned(new SmsRequest(key + "|sms", guest.phone(), sms.render(template, values), bookingId, template), null));
        }
        if (guest.email() != null) {
            planned.add(new Planned(null, new EmailRequest(key + "|email", guest.email(), email.render(template + ".subject", values),
                    email.render(template + ".body", values), bookingId, template)));
        }
        return planned;
    }

    private Map<String, String> when(Instant start) {
        if (start == null) {
            return Map.of("datum", "", "tid", "", "veckodag", "");
        }
        ZonedDateTime s = start.atZone(zone);
        return Map.of("datum", DATE.format(s), "tid", TIME.format(s),
                "veckodag", s.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.forLanguageTag("sv")));
    }
}
