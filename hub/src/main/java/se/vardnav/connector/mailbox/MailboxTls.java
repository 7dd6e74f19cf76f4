package se.vardnav.connector.mailbox;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;

/**
 * Mutual TLS towards one mailbox endpoint (the Recipient service, or one operator): the key store with
 * the region's client certificate and the trust store with the CAs that endpoint's server certificate
 * chains to. Either may be left out: without a key store no client certificate is offered, without a
 * trust store the JVM's default CAs are trusted.
 *
 * @param keyStoreType   PKCS12 unless said otherwise (also for the trust store)
 */
public record MailboxTls(String keyStore, String keyStorePassword, String keyStoreType,
                         String trustStore, String trustStorePassword) {

    public boolean configured() {
        return notBlank(keyStore) || notBlank(trustStore);
    }

    /** The TLS context for this endpoint; null when nothing is configured (the JVM's defaults apply). */
    public SSLContext sslContext() {
        if (!configured()) {
            return null;
        }
        try {
            String type = notBlank(keyStoreType) ? keyStoreType : "PKCS12";
            KeyManagerFactory kmf = null;
            if (notBlank(keyStore)) {
                char[] password = keyStorePassword == null ? new char[0] : keyStorePassword.toCharArray();
                kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(load(keyStore, type, password), password);
            }
            TrustManagerFactory tmf = null;
            if (notBlank(trustStore)) {
                tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                tmf.init(load(trustStore, type, trustStorePassword == null ? null : trustStorePassword.toCharArray()));
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf == null ? null : kmf.getKeyManagers(), tmf == null ? null : tmf.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            // the paths are configuration, not personal data; the passwords are never in the message
            throw new IllegalStateException("cannot set up mailbox TLS from key store " + keyStore + " / trust store " + trustStore, e);
        }
    }

    private static KeyStore load(String path, String type, char[] password) throws IOException, GeneralSecurityException {
        KeyStore ks = KeyStore.getInstance(type);
        try (InputStream in = Files.newInputStream(Path.of(path))) {
            ks.load(in, password);
        }
        return ks;
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }

    @Override
    public String toString() {
        return "MailboxTls[" + keyStore + ", " + trustStore + "]";
    }
}
