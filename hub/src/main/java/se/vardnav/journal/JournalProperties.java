package se.vardnav.journal;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * {@code vardnav.journal.*}: the booking intake from the journal system (the MLLP listener has its own
 * {@code vardnav.journal.mllp.*}, {@link se.vardnav.journal.mllp.JournalMllpProperties}).
 *
 * @param consumers           concurrent consumers of hub.appointment (routes/booking-policy.yaml)
 * @param eventTimeTolerance  an event time more than this ahead of the hub's clock is refused (AE / 422)
 * @param messageIdRetention  how long a sender's message ids are kept to recognise a resend
 * @param retentionCheckMs    how often old message ids are removed
 */
@Validated
@ConfigurationProperties("vardnav.journal")
public record JournalProperties(@Min(1) int consumers, @NotNull Duration eventTimeTolerance, @NotNull Duration messageIdRetention,
                                @Min(1) long retentionCheckMs, @Valid Fhir fhir) {

    public JournalProperties {
        fhir = fhir == null ? new Fhir(null) : fhir;
    }

    /** @param intakeEndpoint where the FHIR intake hands an accepted booking (routes/journal-in.yaml) */
    public record Fhir(@NotBlank String intakeEndpoint) {
        public Fhir {
            intakeEndpoint = intakeEndpoint == null ? "direct:fhir-appointment-in" : intakeEndpoint;
        }
    }
}
