package se.vardnav.routes;

import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import se.vardnav.booking.BookingKey;
import se.vardnav.notification.Reminders;
import se.vardnav.notification.SmsRequest;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Contract of routes/reminders.yaml: a due reminder goes to notify.sms (through the batch path) with its reminder's
 * duplicate id and is then recorded as sent; a coalesced chat notice is fired once, its SMS queued before its row
 * is closed for good. Times are years ahead: other test contexts of this JVM share the database and run their timers.
 */
class RemindersRoutesTest extends RouteContractTestBase {
    @Autowired
    Reminders reminders;

    @Test
    void aDueReminderIsHandedToNotifySmsOnceAndRecorded() throws Exception {
        Instant due = Instant.parse("2033-03-03T08:00:00Z").plusSeconds(UUID.randomUUID().getLeastSignificantBits() & 0xffff);
        BookingKey key = new BookingKey("CONTRACT", "R-" + UUID.randomUUID(), 1);
        reminders.plan(key, due, new SmsRequest(key.group() + "|1|reminder-video", "+46701110001", "Påminnelse: videobesök kl 09:15.",
                key.bookingId(), "reminder-video"));
        MockEndpoint sms = queue("notify.sms");
        sms.expectedMessageCount(1);
        sms.expectedHeaderReceived("_AMQ_DUPL_ID", key.group() + "|1|reminder");

        clock.setNow(due);
        producer.sendBody("direct:contract-reminders", null);
        producer.sendBody("direct:contract-reminders", null); // nothing left to fire

        sms.assertIsSatisfied();
        assertThat(sms.getReceivedExchanges().get(0).getMessage().getBody(String.class)).doesNotContain("701110001");
        assertThat(opened(sms, 0)).contains("+46701110001");
        assertThat(jdbc.queryForObject("SELECT status FROM reminder WHERE booking_id = ?", String.class, key.bookingId())).isEqualTo("SENT");
    }

    @Test
    void aCoalescedChatNoticeIsQueuedOnceWhenItsWindowHasPassed() throws Exception {
        Instant first = Instant.parse("2033-04-04T08:00:00Z");
        String recipient = "contract-" + UUID.randomUUID();
        jdbc.update("INSERT INTO chat_notice (recipient_key, phone, first_at, due_at, message_count, status) VALUES (?, ?, ?, ?, 3, 'OPEN')",
                recipient, "+46701110002", Timestamp.from(first), Timestamp.from(first.plus(Duration.ofMinutes(15))));
        MockEndpoint sms = queue("notify.sms");
        sms.expectedMessageCount(1);
        sms.expectedHeaderReceived("_AMQ_DUPL_ID", "chat|" + recipient + "|" + first.toEpochMilli());

        clock.setNow(first.plus(Duration.ofMinutes(16)));
        producer.sendBody("direct:contract-chat-notices", null);
        producer.sendBody("direct:contract-chat-notices", null);

        sms.assertIsSatisfied();
        assertThat(jdbc.queryForObject("SELECT status FROM chat_notice WHERE recipient_key = ? AND phone IS NULL", String.class, recipient))
                .as("closed, the number gone").isEqualTo("SENT");
    }
}
