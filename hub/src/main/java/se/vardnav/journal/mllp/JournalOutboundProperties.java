package se.vardnav.journal.mllp;

import jakarta.validation.constraints.AssertTrue;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The hub's MLLP connections to the journal system ({@code vardnav.journal.outbound}): visits out (ADT/MDM, route
 * journal-visit-send) and "Uppdatera nu" over HL7 (SQM^S25, route journal-schedule-query) go to the journal's listener
 * over TLS with the hub's client certificate ({@link JournalMllpClientComponent}, scheme {@code journal-mllp-out}).
 *
 * @param tls          the hub's client certificate and the trust store for the journal's server certificate
 * @param plainAllowed connect without TLS when no key store is set (demo, tests, a closed network): a warning at start
 *                     says so
 */
@Validated
@ConfigurationProperties("vardnav.journal.outbound")
public record JournalOutboundProperties(MllpClientTls tls, boolean plainAllowed) {

    public JournalOutboundProperties {
        tls = tls == null ? MllpClientTls.none() : tls;
    }

    @AssertTrue(message = "MLLP to the journal system needs TLS: set tls.key-store (the hub's client certificate) and "
            + "tls.trust-store (the CAs of the journal's server certificate), or plain-allowed=true to connect without TLS")
    public boolean isTlsOrPlainAllowed() {
        return plainAllowed || tls.configured();
    }

    @AssertTrue(message = "tls.trust-store is needed with tls.key-store: the journal system's server certificate must chain to it")
    public boolean isServerCertificateVerifiable() {
        return !tls.configured() || tls.hasTrustStore();
    }
}
