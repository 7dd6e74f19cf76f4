package se.vardnav.journal.mllp;

import org.apache.camel.support.jsse.KeyManagersParameters;
import org.apache.camel.support.jsse.SSLContextClientParameters;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.apache.camel.support.jsse.SecureSocketProtocolsParameters;
import org.apache.camel.support.jsse.TrustManagersParameters;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import java.util.ArrayList;
import java.util.List;

/**
 * TLS for the hub's MLLP connections to the journal system ({@code vardnav.journal.outbound.tls}): the hub's client
 * certificate (the journal system requires one) and the CAs the journal's server certificate must chain to. The server
 * certificate must also name the host the hub connects to (its DNS name or IP address as a subject alternative name),
 * unless {@code verifyHostname} is false.
 *
 * @param keyStore       PKCS12 (or {@code keyStoreType}) with the hub's key and client certificate; a path, or {@code classpath:}
 * @param trustStore     the CAs (or the certificate) of the journal system's server certificate; same type
 * @param verifyHostname whether the server certificate must name the host connected to (default true)
 */
public record MllpClientTls(String keyStore, String keyStorePassword, String keyStoreType,
                            String trustStore, String trustStorePassword, Boolean verifyHostname) {

    public MllpClientTls {
        verifyHostname = verifyHostname == null || verifyHostname;
    }

    static MllpClientTls none() {
        return new MllpClientTls(null, null, null, null, null, null);
    }

    public boolean configured() {
        return keyStore != null && !keyStore.isBlank();
    }

    boolean hasTrustStore() {
        return trustStore != null && !trustStore.isBlank();
    }

    /** camel-mllp's TLS set-up for its producer: TLS 1.2 or 1.3, the hub's certificate offered, the server's checked. */
    SSLContextParameters sslContextParameters() {
        String type = keyStoreType == null || keyStoreType.isBlank() ? "PKCS12" : keyStoreType;
        KeyManagersParameters keyManagers = new KeyManagersParameters();
        keyManagers.setKeyStore(MllpTls.store(keyStore, keyStorePassword, type));
        keyManagers.setKeyPassword(keyStorePassword == null ? "" : keyStorePassword);
        TrustManagersParameters trust = new TrustManagersParameters();
        trust.setKeyStore(MllpTls.store(trustStore, trustStorePassword, type));
        SecureSocketProtocolsParameters protocols = new SecureSocketProtocolsParameters();
        protocols.setSecureSocketProtocol(List.of("TLSv1.3", "TLSv1.2"));
        SSLContextParameters parameters = new SSLContextParameters();
        parameters.setKeyManagers(keyManagers);
        parameters.setTrustManagers(trust);
        parameters.setSecureSocketProtocols(protocols);
        parameters.setClientParameters(verifyHostname ? new VerifyingHostname() : new SSLContextClientParameters());
        return parameters;
    }

    /**
     * The JDK checks a server certificate's names only when asked ("HTTPS" identification: RFC 2818 rules); camel-mllp
     * connects its socket to the configured host, so that is the name checked.
     */
    static final class VerifyingHostname extends SSLContextClientParameters {
        @Override
        protected List<Configurer<SSLSocket>> getSSLSocketFactorySSLSocketConfigurers(SSLContext context) {
            List<Configurer<SSLSocket>> configurers = new ArrayList<>(super.getSSLSocketFactorySSLSocketConfigurers(context));
            configurers.add(socket -> {
                SSLParameters parameters = socket.getSSLParameters();
                parameters.setEndpointIdentificationAlgorithm("HTTPS");
                socket.setSSLParameters(parameters);
                return socket;
            });
            return configurers;
        }
    }

    /** Never the passwords. */
    @Override
    public String toString() {
        return "MllpClientTls[" + keyStore + ", " + trustStore + ", verify hostname " + verifyHostname + "]";
    }
}
