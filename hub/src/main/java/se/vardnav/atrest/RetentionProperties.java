package se.vardnav.atrest;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * {@code vardnav.retention.*}: how long each table or store keeps what it no longer needs for a flow, after which the
 * route {@code data-retention} purges it (README "Personal data at rest", with the defaults). Rows still in use
 * (a reminder not yet sent, a letter still on the print list or waiting for its 48 hours) are never purged.
 *
 * @param reminders        sent or skipped reminders, after their due time
 * @param smsSends         the record of each SMS and e-mail sent (sms_send, sms_report, email_send); a notice
 *                         replayed from a dead-letter queue after this is sent again
 * @param chatNotices      closed new-message notice windows
 * @param guests           a guest's phone and e-mail, after the booking's start
 * @param withheldBookings the record of bookings the privacy policy kept from the platform
 * @param letterDocuments  a letter's PDFs and text, once nothing waits for it (print list, 48-hour timer, delivery)
 * @param letters          the letter's row and its deliveries (the status report's history), once nothing waits
 * @param checkMs          how often the purge runs, in milliseconds
 */
@Validated
@ConfigurationProperties("vardnav.retention")
public record RetentionProperties(@NotNull Duration reminders, @NotNull Duration smsSends, @NotNull Duration chatNotices,
                                  @NotNull Duration guests, @NotNull Duration withheldBookings, @NotNull Duration letterDocuments,
                                  @NotNull Duration letters, @Min(1000) long checkMs) {
}
