package se.vardnav.config;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/** {@code vardnav.queue.*}: the names of the hub's queues (docs/architecture.md, "Queues"). */
@Validated
@ConfigurationProperties("vardnav.queue")
public record QueueProperties(
        @NotBlank String appointment,
        @NotBlank String platformAppointment,
        @NotBlank String journalInbound,
        @NotBlank String notifySms,
        @NotBlank String notifyEmail,
        /** one queue per mailbox operator: {@code <prefix><ServiceSupplier id>} */
        @NotBlank String mailboxPrefix,
        @NotBlank String letter,
        @NotBlank String platformLetter,
        /** visits in (routes/visits.yaml), the journal's ADT/MDM out, and staff signals */
        @NotBlank String visit,
        @NotBlank String journalVisit,
        @NotBlank String staffSignal) {

    /** The Camel endpoint of a queue. */
    public static String jms(String queue) {
        return "jms:queue:" + queue;
    }
}
