package se.vardnav.sim;

/**
 * HTTPS for a simulator: its server key store, and the trust store that a client certificate must chain
 * to (client authentication required). Both PKCS12. For tests and the demo only.
 */
public record ServerTls(String keyStore, String keyStorePassword, String trustStore, String trustStorePassword) {
    @Override
    public String toString() {
        return "ServerTls[" + keyStore + ", " + trustStore + "]";
    }
}
