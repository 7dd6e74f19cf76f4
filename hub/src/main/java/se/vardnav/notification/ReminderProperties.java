package se.vardnav.notification;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * The reminders' settings ({@code vardnav.notification.reminder-*}).
 *
 * @param reminderBefore       a video visit's reminder goes this long before its start
 * @param reminderPollMs       how often due reminders are looked for (routes/reminders.yaml); a reminder is at most this late
 * @param reminderCheckThreads due reminders checked against the register and the platform side by side
 * @param reminderRecheckLead  reminders are checked this long before due
 */
@Validated
@ConfigurationProperties("vardnav.notification")
public record ReminderProperties(@NotNull Duration reminderBefore, @Min(1) long reminderPollMs, @Min(1) int reminderCheckThreads,
                                 @NotNull Duration reminderRecheckLead) {
}
