package se.vardnav.letter;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;
import java.time.ZoneId;

/**
 * {@code vardnav.letter.*}: the letter flow (connectors/journal-letters/README.md).
 *
 * @param documentsDir        the letters' PDFs (claim check: only references travel on the broker)
 * @param intakeEndpoint      where the FHIR intake and the file drop hand an accepted letter (→ hub.letter)
 * @param dropDir             the file drop for journal systems that only export files
 * @param unreadEscalation    delivered to the platform, not opened within this and not received by a mailbox → print list
 * @param platformMaxAttempts a letter the platform fails this often goes to the print list
 * @param zone                the time zone of reports and the print list; unset: {@code vardnav.notification.zone}
 */
@Validated
@ConfigurationProperties("vardnav.letter")
public record LetterProperties(
        @NotBlank String documentsDir,
        @NotBlank String intakeEndpoint,
        @NotBlank String dropDir,
        @Min(1) long dropPollMs,
        @NotNull Duration unreadEscalation,
        @Min(1) long escalationPollMs,
        @Min(1) int routingConsumers,
        @Min(1) int platformConsumers,
        @Min(1) int platformMaxAttempts,
        @Min(1) int mailboxConsumers,
        ZoneId zone) {

    /** The letters' time zone: {@code vardnav.letter.zone}, else the notifications'. */
    public ZoneId zoneOr(ZoneId notificationZone) {
        return zone != null ? zone : notificationZone;
    }
}
