package se.vardnav.resync;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.URL;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * {@code vardnav.resync.*}: "Uppdatera nu", asking the journal system over the protocol it offers: RIV-TA
 * GetSubjectOfCareSchedule (connectors/journal-scheduling/README.md) or HL7 v2.5 SQM^S25 over MLLP
 * (connectors/journal-hl7/README.md, "Resync over HL7").
 *
 * @param protocol       {@code riv} (default) or {@code hl7}
 * @param scheduleUrl    the RIV-TA service's address (protocol riv; required either way, so switching is one setting)
 * @param connectTimeout to connect to the RIV-TA service
 * @param receiveTimeout for the RIV-TA service's answer; none in time gives 504
 * @param defaultUnit    the unit asked (and logical address) when a request names none
 * @param source         the journal system's booking source (its MSH-3 in SIU), so resynced events compare with streamed ones
 * @param hl7            the journal's MLLP listener for SQM^S25 (protocol hl7)
 */
@Validated
@ConfigurationProperties("vardnav.resync")
public record ResyncProperties(@NotNull Protocol protocol, @NotBlank @URL String scheduleUrl, @NotNull Duration connectTimeout,
                               @NotNull Duration receiveTimeout, @NotBlank String defaultUnit, @NotBlank String source,
                               @Valid @NotNull Hl7 hl7) {

    public enum Protocol { RIV, HL7 }

    public ResyncProperties {
        protocol = protocol == null ? Protocol.RIV : protocol;
    }

    /**
     * Where SQM^S25 goes (route journal-schedule-query), and the receiving application and facility it names (MSH-5, MSH-6).
     *
     * @param connectTimeout ms to connect
     * @param answerTimeout  ms to wait for the SQR^S25; none in time gives 504
     * @param endpoint       the camel-mllp producer URI built from the above (the answer is read as the acknowledgement)
     */
    public record Hl7(@NotBlank String host, @Min(1) @Max(65535) int port, @NotBlank String receivingApplication,
                      @NotBlank String receivingFacility, @Min(1) long connectTimeout, @Min(1) long answerTimeout,
                      @NotBlank String endpoint) {}
}
