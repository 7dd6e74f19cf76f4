package se.vardnav.connector.sms;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.hibernate.validator.constraints.URL;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * {@code vardnav.sms.*}: the region's SMS gateway (connectors/sms/README.md).
 *
 * @param protocol      elks (46elks-style HTTP), kannel or smpp
 * @param reportBaseUrl this hub's public URL, where gateways send delivery reports; empty: no reports asked for
 * @param reportSecret  HMAC key of the per-SMS token in each report callback URL
 * @param ratePerSecond and {@code consumers}: read by routes/sms-delivery.yaml
 */
@Validated
@ConfigurationProperties("vardnav.sms")
public record SmsProperties(
        @NotNull @Pattern(regexp = "elks|kannel|smpp", message = "must be elks, kannel or smpp") String protocol,
        @URL String baseUrl,
        String user,
        String password,
        @URL String reportBaseUrl,
        @NotNull @Size(min = ReportSignature.MIN_SECRET) String reportSecret,
        @NotBlank String sender,
        @Min(1) int maxSegments,
        @Min(1) int ratePerSecond,
        @Min(1) int consumers,
        @NotNull Duration connectTimeout,
        @NotNull Duration requestTimeout,
        @Valid @NotNull Smpp smpp) {

    public SmsProperties {
        reportBaseUrl = reportBaseUrl == null ? "" : reportBaseUrl;
    }

    /**
     * An SMPP account of the hub's own (SMPP 3.4).
     *
     * @param reconnectDelayMs wait between bind attempts while the SMSC is down
     */
    public record Smpp(@NotBlank String host, @Min(1) @Max(65535) int port, String systemId, String password,
                       String systemType, @Min(0) long reconnectDelayMs) {
        @Override
        public String toString() {
            return "Smpp[" + host + ":" + port + ", " + systemId + "]";
        }
    }

    @Override
    public String toString() {
        return "SmsProperties[" + protocol + ", " + baseUrl + ", " + smpp + "]";
    }
}
