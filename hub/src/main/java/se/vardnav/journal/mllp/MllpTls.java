package se.vardnav.journal.mllp;

import org.apache.camel.support.jsse.ClientAuthentication;
import org.apache.camel.support.jsse.KeyManagersParameters;
import org.apache.camel.support.jsse.KeyStoreParameters;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.apache.camel.support.jsse.SSLContextServerParameters;
import org.apache.camel.support.jsse.SecureSocketProtocolsParameters;
import org.apache.camel.support.jsse.TrustManagersParameters;

import javax.security.auth.x500.X500Principal;
import java.util.List;

/**
 * TLS for the MLLP listener ({@code vardnav.journal.mllp.tls}): the hub's server certificate, and the CAs a journal
 * system's client certificate must chain to (a client certificate is required). With {@code allowedSubjects} only
 * those certificates are taken, so a broad CA (e.g. SITHS) in the trust store admits only the region's journal systems.
 *
 * @param keyStore        PKCS12 (or {@code keyStoreType}) with the hub's key and certificate; a path, or {@code classpath:}
 * @param allowedSubjects subject DNs of the client certificates to admit (RFC 2253, e.g. {@code CN=journal.region.se,O=Region});
 *                        empty: any that chains to the trust store
 */
public record MllpTls(String keyStore, String keyStorePassword, String keyStoreType,
                      String trustStore, String trustStorePassword, List<String> allowedSubjects) {

    public MllpTls {
        allowedSubjects = allowedSubjects == null ? List.of() : List.copyOf(allowedSubjects);
    }

    public boolean configured() {
        return keyStore != null && !keyStore.isBlank();
    }

    boolean hasTrustStore() {
        return trustStore != null && !trustStore.isBlank();
    }

    /** camel-mllp's TLS set-up: TLS 1.2 or 1.3, client certificate required. */
    SSLContextParameters sslContextParameters() {
        String type = keyStoreType == null || keyStoreType.isBlank() ? "PKCS12" : keyStoreType;
        KeyStoreParameters keys = store(keyStore, keyStorePassword, type);
        KeyManagersParameters keyManagers = new KeyManagersParameters();
        keyManagers.setKeyStore(keys);
        keyManagers.setKeyPassword(keyStorePassword == null ? "" : keyStorePassword);
        TrustManagersParameters trust = new TrustManagersParameters();
        trust.setKeyStore(store(trustStore, trustStorePassword, type));
        SSLContextServerParameters server = new SSLContextServerParameters();
        server.setClientAuthentication(ClientAuthentication.REQUIRE.name());
        SecureSocketProtocolsParameters protocols = new SecureSocketProtocolsParameters();
        protocols.setSecureSocketProtocol(List.of("TLSv1.3", "TLSv1.2"));
        SSLContextParameters parameters = new SSLContextParameters();
        parameters.setKeyManagers(keyManagers);
        parameters.setTrustManagers(trust);
        parameters.setServerParameters(server);
        parameters.setSecureSocketProtocols(protocols);
        return parameters;
    }

    /** Whether a client certificate with this subject may send (it already chains to the trust store). */
    boolean allows(X500Principal subject) {
        return allowedSubjects.isEmpty() || allowedSubjects.stream().anyMatch(dn -> new X500Principal(dn).equals(subject));
    }

    static KeyStoreParameters store(String location, String password, String type) {
        KeyStoreParameters store = new KeyStoreParameters();
        // Camel reads a location without a scheme from the class path; a region's is a file
        store.setResource(location.contains(":") && !location.matches("^[A-Za-z]:\\\\.*") ? location : "file:" + location);
        store.setPassword(password == null ? "" : password);
        store.setType(type);
        return store;
    }

    /** Never the passwords. */
    @Override
    public String toString() {
        return "MllpTls[" + keyStore + ", " + trustStore + ", allowed " + allowedSubjects + "]";
    }
}
