package se.vardnav.journal.mllp;

import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.util.Optional;

/**
 * Why a TLS connection to the journal system failed, in words an operator can act on (naming the setting to check):
 * the journal's certificate not trusted, not naming the host, or the hub's client certificate refused by the journal.
 * Read from the failure's cause chain; the JDK's TLS messages name certificates and alerts, never message content.
 */
public final class OutboundTlsFailure {
    private static final String SETTINGS = "vardnav.journal.outbound.tls";

    private OutboundTlsFailure() {
    }

    /** The reason, if the failure was one of TLS; empty for any other (no connection, timeout, a NAK). */
    public static Optional<String> of(Throwable failure) {
        SSLException tls = null;
        for (Throwable c = failure; c != null && c.getCause() != c; c = c.getCause()) {
            if (c instanceof CertPathBuilderException || c instanceof CertPathValidatorException) {
                return Optional.of("TLS: the journal system's certificate is not trusted (" + SETTINGS + ".trust-store)");
            }
            if (c instanceof CertificateException && String.valueOf(c.getMessage()).matches("(?s).*(subject alternative|[Nn]o name matching).*")) {
                return Optional.of("TLS: the journal system's certificate does not name the host connected to (" + c.getMessage()
                        + "; " + SETTINGS + ".verify-hostname)");
            }
            if (c instanceof SSLException s && tls == null) {
                tls = s;
            }
        }
        if (tls == null) {
            return Optional.empty();
        }
        String message = String.valueOf(tls.getMessage());
        if (message.contains("fatal alert") && message.matches("(?s).*(certificate|unknown_ca|access_denied).*")) {
            return Optional.of("TLS: the journal system refused the hub's client certificate (" + message + "; "
                    + SETTINGS + ".key-store)");
        }
        return Optional.of("TLS with the journal system failed (" + (tls instanceof SSLHandshakeException ? "handshake: " : "")
                + message + ")");
    }
}
