package se.vardnav.visit;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;
import java.util.List;

/**
 * {@code vardnav.visit.*}: visits in from the platform and out to the journal system (routes/visits.yaml;
 * connectors/visit-platform/README.md, connectors/journal-hl7/README.md "Visits out").
 *
 * @param intakeEndpoint where pushed or notified Encounters are handed (the route to hub.visit)
 * @param unitContacts   per unit (HSA-id): the functional SMS number and/or e-mail for staff signals
 */
@Validated
@ConfigurationProperties("vardnav.visit")
public record VisitProperties(
        @NotBlank String intakeEndpoint,
        @Min(1) int consumers,
        @Valid @NotNull Subscription subscription,
        @Valid @NotNull StaffNotice staffNotice,
        List<UnitContact> unitContacts,
        @Valid @NotNull Journal journal) {

    public VisitProperties {
        unitContacts = unitContacts == null ? List.of() : List.copyOf(unitContacts);
    }

    /**
     * Subscription mode: the hub's R4 rest-hook Subscription on the platform.
     *
     * @param payload full-resource notifications ({@code application/fhir+json}) or empty ones ("")
     * @param token   the platform sends it back with each notification (a real secret outside the demo)
     */
    public record Subscription(boolean enabled, @NotBlank String endpoint, String payload, @NotBlank String token,
                               @Min(1000) long renewMs, @NotNull Duration lookback, @NotNull Duration overlap) {
        public Subscription {
            payload = payload == null ? "" : payload;
        }
    }

    /** The staff signal's text to a unit (no message text, no patient name). */
    public record StaffNotice(@NotBlank String subject, @NotBlank String text) {}

    /**
     * The journal system's MLLP listener for ADT/MDM.
     *
     * @param connectTimeout ms to connect
     * @param ackTimeout     ms to wait for the ACK; none in time counts as not delivered (retried, in order)
     * @param endpoint       the camel-mllp producer URI built from the above
     */
    public record Journal(@NotBlank String host, @Min(1) @Max(65535) int port, @NotBlank String receivingApplication,
                          @NotBlank String receivingFacility, @Min(1) long connectTimeout, @Min(1) long ackTimeout,
                          @NotBlank String endpoint) {}
}
