package se.vardnav.journal.mllp;

import org.junit.jupiter.api.Test;

import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import java.io.IOException;
import java.net.ConnectException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertificateException;

import static org.assertj.core.api.Assertions.assertThat;

/** What an operator reads when TLS to the journal system fails: which certificate, and the setting to check. */
class OutboundTlsFailureTest {

    private static Exception wrapped(Throwable tls) {
        return new RuntimeException("MllpWriteException", new IOException("writeTo failed", tls));
    }

    @Test
    void anUntrustedJournalCertificateNamesTheTrustStore() {
        SSLHandshakeException pkix = new SSLHandshakeException("PKIX path building failed");
        pkix.initCause(new CertPathBuilderException("unable to find valid certification path to requested target"));
        assertThat(OutboundTlsFailure.of(wrapped(pkix))).hasValueSatisfying(reason -> assertThat(reason)
                .contains("journal system's certificate is not trusted").contains("vardnav.journal.outbound.tls.trust-store"));
    }

    @Test
    void aCertificateForAnotherHostSaysSo() {
        SSLHandshakeException name = new SSLHandshakeException("No subject alternative names matching IP address 10.0.0.5 found");
        name.initCause(new CertificateException("No subject alternative names matching IP address 10.0.0.5 found"));
        assertThat(OutboundTlsFailure.of(wrapped(name))).hasValueSatisfying(reason -> assertThat(reason)
                .contains("does not name the host").contains("10.0.0.5").contains("verify-hostname"));
    }

    @Test
    void theJournalRefusingTheHubsCertificateNamesTheKeyStore() {
        assertThat(OutboundTlsFailure.of(wrapped(new SSLException("Received fatal alert: bad_certificate"))))
                .hasValueSatisfying(reason -> assertThat(reason).contains("refused the hub's client certificate")
                        .contains("bad_certificate").contains("vardnav.journal.outbound.tls.key-store"));
        assertThat(OutboundTlsFailure.of(wrapped(new SSLHandshakeException("Received fatal alert: certificate_required"))))
                .hasValueSatisfying(reason -> assertThat(reason).contains("refused the hub's client certificate"));
    }

    @Test
    void otherTlsFailuresAreNamedAndNonTlsFailuresAreNotTls() {
        assertThat(OutboundTlsFailure.of(wrapped(new SSLHandshakeException("Remote host terminated the handshake"))))
                .hasValue("TLS with the journal system failed (handshake: Remote host terminated the handshake)");
        assertThat(OutboundTlsFailure.of(wrapped(new ConnectException("Connection refused")))).isEmpty();
    }
}
