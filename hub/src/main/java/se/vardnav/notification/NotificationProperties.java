package se.vardnav.notification;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;
import se.vardnav.config.Locations;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.ZoneId;

/**
 * {@code vardnav.notification.*}: what every patient-facing notice shares. Reminders, guest invitations and the app SMS
 * have their settings under the same prefix ({@link ReminderProperties}, {@code guest.GuestProperties},
 * {@code notification.app.AppSmsProperties}).
 *
 * @param templates the SMS texts: {@code classpath:notification-templates/sms-sv.properties} (the jar's) or a file
 * @param zone      the patient's time zone, for the times in texts
 * @param chatDelay a normal chat message is notified this long after the first unnotified one (urgent ones at once)
 */
@Validated
@ConfigurationProperties("vardnav.notification")
public record NotificationProperties(@NotBlank String templates, @NotNull ZoneId zone, @NotNull Duration chatDelay) {

    /** The SMS texts, read afresh. */
    public SmsTemplates smsTemplates() throws IOException {
        try (InputStream in = Locations.resource(templates).getInputStream()) {
            return new SmsTemplates(in);
        }
    }
}
