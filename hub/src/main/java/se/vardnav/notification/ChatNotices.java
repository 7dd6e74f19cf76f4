package se.vardnav.notification;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * New-message notices from the visit platform. Urgent messages and video invitations go to
 * notify.sms at once; normal ones are coalesced per recipient into one SMS when the window
 * ({@code chat-delay}) after the first has passed. The SMS never carries the message text.
 * Each recipient passes the {@link NotificationPolicy} before anything is queued or coalesced
 * (deceased, emigrated, protected identity, blocked account, a child); a message whose sender chose
 * "Behövs inte" is notified not at all. Recipients are keyed by a pseudonym, never the personnummer.
 * Queuing is the routes' part: {@link #accept} and {@link #fire} return the SMS to queue.
 */
public class ChatNotices {
    private final JdbcTemplate jdbc;
    private final SmsTemplates templates;
    private final Clock clock;
    private final Duration delay;
    private final MeterRegistry meters;
    private final NotificationPolicy policy;
    /** The phone waits sealed in chat_notice while its window is open (personal data at rest). */
    private final se.vardnav.privacy.DataCipher cipher;

    public ChatNotices(JdbcTemplate jdbc, SmsTemplates templates, Clock clock, Duration delay, MeterRegistry meters, NotificationPolicy policy,
                       se.vardnav.privacy.DataCipher cipher) {
        this.cipher = cipher;
        this.policy = policy;
        this.jdbc = jdbc;
        this.templates = templates;
        this.clock = clock;
        this.delay = delay;
        this.meters = meters;
    }

    /**
     * Plans the notice for one message: the SMS to queue now (urgent, video invitation), or none (coalesced in the
     * database, declined, withheld). The caller answers the platform only once that SMS is queued.
     */
    public List<SmsRequest> accept(ChatMessage m) {
        meters.counter("vardnav.chat.notices", "kind", m.kind().name().toLowerCase(), "urgent", String.valueOf(m.urgent())).increment();
        if (m.notificationDeclined()) {
            meters.counter("vardnav.notices.skipped", "reason", "not-needed").increment();
            return List.of();
        }
        // a coalesced notice may say one or several messages: the region marks both templates alike
        String template = m.kind() == ChatMessage.Kind.VIDEO_INVITATION ? "chat-video-invitation"
                : m.urgent() ? template(1) : "chat-new-message";
        if (!policy.decide(m.recipientSystem(), m.recipientId(), m.phone(), template, NotificationPolicy.Path.CHAT).sends()) {
            return List.of();
        }
        if (m.kind() == ChatMessage.Kind.VIDEO_INVITATION) {
            return List.of(new SmsRequest("chat|" + m.messageId(), m.phone(), templates.render("chat-video-invitation", Map.of()),
                    m.bookingId(), "chat-video-invitation"));
        } else if (m.urgent()) {
            return List.of(new SmsRequest("chat|" + m.messageId(), m.phone(), newMessages(1), m.bookingId(), template(1)));
        } else if (firstTime(m.messageId())) {
            coalesce(m);
        }
        return List.of();
    }

    /** The recipients whose coalesced notice is due: each is then {@link #fire}d in a transaction of its own. */
    public List<String> dueKeys() {
        List<String> due = jdbc.queryForList("SELECT recipient_key FROM chat_notice WHERE status = 'OPEN' AND due_at <= ?",
                String.class, Timestamp.from(clock.instant()));
        // a redelivered message id matters only within a window; older ones need not be kept
        jdbc.update("DELETE FROM chat_message WHERE received_at < ?", Timestamp.from(clock.instant().minus(delay.multipliedBy(4))));
        return due;
    }

    /**
     * Closes one recipient's window; returns its SMS, or null if another instance closed it first. Runs in a
     * database transaction (route chat-notice-fire) that commits only after the route queued the SMS: closing the
     * row first locks it, so a message arriving meanwhile waits and then opens a new window; if the commit fails
     * the row is fired again under the same key, and SmsDispatch skips a key already sent.
     */
    public SmsRequest fire(String key) {
        if (jdbc.update("UPDATE chat_notice SET status = 'SENT' WHERE recipient_key = ? AND status = 'OPEN'", key) == 0) {
            return null;
        }
        Map<String, Object> r = jdbc.queryForMap("SELECT phone, first_at, message_count FROM chat_notice WHERE recipient_key = ?", key);
        int count = ((Number) r.get("message_count")).intValue();
        long window = ((Timestamp) r.get("first_at")).getTime();
        jdbc.update("UPDATE chat_notice SET phone = NULL WHERE recipient_key = ?", key);
        return new SmsRequest("chat|" + key + "|" + window, cipher.open((String) r.get("phone")), newMessages(count), null, template(count));
    }

    private void coalesce(ChatMessage m) {
        Instant now = clock.instant();
        if (jdbc.update("UPDATE chat_notice SET message_count = message_count + 1, phone = ? WHERE recipient_key = ? AND status = 'OPEN'",
                cipher.seal(m.phone()), m.recipientKey()) > 0) {
            return;
        }
        Timestamp first = Timestamp.from(now);
        Timestamp due = Timestamp.from(now.plus(delay));
        if (jdbc.update("UPDATE chat_notice SET phone = ?, first_at = ?, due_at = ?, message_count = 1, status = 'OPEN' WHERE recipient_key = ? AND status <> 'OPEN'",
                cipher.seal(m.phone()), first, due, m.recipientKey()) > 0) {
            return;
        }
        try {
            jdbc.update("INSERT INTO chat_notice (recipient_key, phone, first_at, due_at, message_count, status) VALUES (?, ?, ?, ?, 1, 'OPEN')",
                    m.recipientKey(), cipher.seal(m.phone()), first, due);
        } catch (DuplicateKeyException raced) {
            coalesce(m); // another message for the same recipient opened the window first
        }
    }

    private boolean firstTime(String messageId) {
        try {
            jdbc.update("INSERT INTO chat_message (message_id, received_at) VALUES (?, ?)", messageId, Timestamp.from(clock.instant()));
            return true;
        } catch (DuplicateKeyException again) {
            return false;
        }
    }

    private String newMessages(int count) {
        return templates.render(template(count), Map.of("antal", String.valueOf(count)));
    }

    private static String template(int count) {
        return count == 1 ? "chat-new-message-one" : "chat-new-message";
    }
}
