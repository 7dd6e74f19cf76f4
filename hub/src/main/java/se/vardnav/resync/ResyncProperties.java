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
 * @param scheduleUrl    the RIV-TA service's address (protocol riv)
 * @param connectTimeout to connect to the journal, either protocol
 * @param receiveTimeout for the journal's answer, either protocol; none in time gives 504
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

    /** Where SQM^S25 goes, and the receiving application and facility it names (MSH-5, MSH-6). */
    public record Hl7(@NotBlank String host, @Min(1) @Max(65535) int port, @NotBlank String receivingApplication,
                      @NotBlank String receivingFacility) {}

    /** The camel-mllp producer for SQM^S25: the answer (SQR^S25) is read as the acknowledgement, within the timeouts above. */
    public String hl7Endpoint() {
        return "mllp:" + hl7.host() + ":" + hl7.port() + "?lazyStartProducer=true&hl7Headers=false&validatePayload=false&charsetName=UTF-8"
                + "&connectTimeout=" + connectTimeout.toMillis() + "&receiveTimeout=" + receiveTimeout.toMillis()
                + "&readTimeout=" + receiveTimeout.toMillis() + "&keepAlive=true";
    }
}
