package se.vardnav.notification;

import ca.uhn.fhir.context.FhirContext;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.ProducerTemplate;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import se.vardnav.booking.BookingHeaders;

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
 */
public class ChatNotices {
    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final FhirContext fhir;
    private final ProducerTemplate producer;
    private final String smsEndpoint;
    private final SmsTemplates templates;
    private final Clock clock;
    private final Duration delay;
    private final MeterRegistry meters;
    private final NotificationPolicy policy;

    public ChatNotices(JdbcTemplate jdbc, FhirContext fhir, ProducerTemplate producer, String smsEndpoint, SmsTemplates templates,
                       Clock clock, Duration delay, MeterRegistry meters, NotificationPolicy policy) {
        this.policy = policy;
        this.jdbc = jdbc;
        this.tx = new TransactionTemplate(new DataSourceTransactionManager(jdbc.getDataSource()));
        this.fhir = fhir;
        this.producer = producer;
        this.smsEndpoint = smsEndpoint;
        this.templates = templates;
        this.clock = clock;
        this.delay = delay;
        this.meters = meters;
    }

    /** Plans the notice for one message; returns once it is durable (on the queue or in the database). */
    public void accept(ChatMessage m) {
        meters.counter("vardnav.chat.notices", "kind", m.kind().name().toLowerCase(), "urgent", String.valueOf(m.urgent())).increment();
        if (m.notificationDeclined()) {
            meters.counter("vardnav.notices.skipped", "reason", "not-needed").increment();
            return;
        }
        // a coalesced notice may say one or several messages: the region marks both templates alike
        String template = m.kind() == ChatMessage.Kind.VIDEO_INVITATION ? "chat-video-invitation"
                : m.urgent() ? template(1) : "chat-new-message";
        if (!policy.decide(m.recipientSystem(), m.recipientId(), m.phone(), template, NotificationPolicy.Path.CHAT).sends()) {
            return;
        }
        if (m.kind() == ChatMessage.Kind.VIDEO_INVITATION) {
            send(new SmsRequest("chat|" + m.messageId(), m.phone(), templates.render("chat-video-invitation", Map.of()),
                    m.bookingId(), "chat-video-invitation"));
        } else if (m.urgent()) {
            send(new SmsRequest("chat|" + m.messageId(), m.phone(), newMessages(1), m.bookingId(), template(1)));
        } else if (firstTime(m.messageId())) {
            coalesce(m);
        }
    }

    /** Sends every coalesced notice whose window has passed; returns how many. */
    public int fireDue() {
        List<String> due = jdbc.queryForList("SELECT recipient_key FROM chat_notice WHERE status = 'OPEN' AND due_at <= ?",
                String.class, Timestamp.from(clock.instant()));
        // a redelivered message id matters only within a window; older ones need not be kept
        jdbc.update("DELETE FROM chat_message WHERE received_at < ?", Timestamp.from(clock.instant().minus(delay.multipliedBy(4))));
        int sent = 0;
        for (String key : due) {
            Boolean fired = tx.execute(s -> fire(key));
            sent += Boolean.TRUE.equals(fired) ? 1 : 0;
        }
        return sent;
    }

    // Closing the row first locks it, so a message arriving meanwhile waits and then opens a new window.
    // The SMS is queued before commit: if the commit fails the row is fired again under the same key,
    // and SmsDispatch skips a key already sent.
    private boolean fire(String key) {
        if (jdbc.update("UPDATE chat_notice SET status = 'SENT' WHERE recipient_key = ? AND status = 'OPEN'", key) == 0) {
            return false;
        }
        Map<String, Object> r = jdbc.queryForMap("SELECT phone, first_at, message_count FROM chat_notice WHERE recipient_key = ?", key);
        int count = ((Number) r.get("message_count")).intValue();
        long window = ((Timestamp) r.get("first_at")).getTime();
        send(new SmsRequest("chat|" + key + "|" + window, (String) r.get("phone"), newMessages(count), null, template(count)));
        jdbc.update("UPDATE chat_notice SET phone = NULL WHERE recipient_key = ?", key);
        return true;
    }

    private void coalesce(ChatMessage m) {
        Instant now = clock.instant();
        if (jdbc.update("UPDATE chat_notice SET message_count = message_count + 1, phone = ? WHERE recipient_key = ? AND status = 'OPEN'",
                m.phone(), m.recipientKey()) > 0) {
            return;
        }
        Timestamp first = Timestamp.from(now);
        Timestamp due = Timestamp.from(now.plus(delay));
        if (jdbc.update("UPDATE chat_notice SET phone = ?, first_at = ?, due_at = ?, message_count = 1, status = 'OPEN' WHERE recipient_key = ? AND status <> 'OPEN'",
                m.phone(), first, due, m.recipientKey()) > 0) {
            return;
        }
        try {
            jdbc.update("INSERT INTO chat_notice (recipient_key, phone, first_at, due_at, message_count, status) VALUES (?, ?, ?, ?, 1, 'OPEN')",
                    m.recipientKey(), m.phone(), first, due);
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

    private void send(SmsRequest sms) {
        producer.sendBodyAndHeader(smsEndpoint, fhir.newJsonParser().encodeResourceToString(sms.toFhir()),
                BookingHeaders.DUPLICATE_ID, sms.businessKey());
    }
}
