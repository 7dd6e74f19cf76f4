package se.vardnav.http;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * The largest request body each HTTP endpoint takes ({@code vardnav.http.body-limits}); a larger one gets 413
 * before it is read. Letters carry their PDFs inline (base64), so they have a limit of their own.
 *
 * @param fhir      {@code /fhir/**}: Appointments, chat messages, read receipts, guests, operations
 * @param letters   {@code /fhir/CommunicationRequest}: letters with their PDFs
 * @param callbacks {@code /sms/reports/**}: delivery reports from the SMS gateway
 * @param admin     {@code /admin/**}: dead letters, print list, letter report
 * @param other     any other path
 */
@ConfigurationProperties("vardnav.http.body-limits")
public record BodyLimits(DataSize fhir, DataSize letters, DataSize callbacks, DataSize admin, DataSize other) {

    public BodyLimits {
        if (fhir == null || letters == null || callbacks == null || admin == null || other == null) {
            throw new IllegalArgumentException("vardnav.http.body-limits: fhir, letters, callbacks, admin and other must be set");
        }
    }

    /** The limit for a request path (without the context path), with the name of its setting. */
    public Limit forPath(String path) {
        if (path.equals("/fhir/CommunicationRequest") || path.startsWith("/fhir/CommunicationRequest/")) {
            return new Limit("letters", letters.toBytes(), true);
        }
        if (path.equals("/fhir") || path.startsWith("/fhir/")) {
            return new Limit("fhir", fhir.toBytes(), true);
        }
        if (path.startsWith("/sms/reports/")) {
            return new Limit("callbacks", callbacks.toBytes(), false);
        }
        if (path.equals("/admin") || path.startsWith("/admin/")) {
            return new Limit("admin", admin.toBytes(), false);
        }
        return new Limit("other", other.toBytes(), false);
    }

    /** @param fhir whether the refusal is a FHIR OperationOutcome (else problem JSON) */
    public record Limit(String name, long bytes, boolean fhir) {
        /** @param size the declared size, or -1 when the body was counted as it came */
        public String reason(long size) {
            return "the request body is " + (size >= 0 ? size + " bytes" : "larger than " + bytes + " bytes")
                    + "; this endpoint takes at most " + bytes + " bytes (vardnav.http.body-limits." + name + ")";
        }
    }
}
