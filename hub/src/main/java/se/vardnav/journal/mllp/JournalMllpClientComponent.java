package se.vardnav.journal.mllp;

import org.apache.camel.Endpoint;
import org.apache.camel.component.mllp.MllpComponent;
import org.apache.camel.component.mllp.MllpEndpoint;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;

/**
 * camel-mllp's producer towards the journal system, under the scheme {@code journal-mllp-out} (the endpoints of
 * {@code vardnav.visit.journal.endpoint} and {@code vardnav.resync.hl7.endpoint}): the same endpoint options, plus TLS
 * with the hub's client certificate ({@link MllpClientTls}) on every endpoint unless plain MLLP is explicitly allowed,
 * and camel-mllp's exceptions and logs without message content. Client side only.
 */
public final class JournalMllpClientComponent extends MllpComponent {
    private static final Logger LOG = LoggerFactory.getLogger(JournalMllpClientComponent.class);
    private final JournalOutboundProperties properties;

    public JournalMllpClientComponent(JournalOutboundProperties properties) {
        this.properties = properties;
        setLogPhi(false); // camel-mllp's exceptions would carry the message text
        if (!properties.tls().configured()) {
            LOG.warn("MLLP to the journal system WITHOUT TLS (vardnav.journal.outbound.plain-allowed=true): visits and schedule "
                    + "queries with personal data travel in clear and the journal's listener is not authenticated; use only on "
                    + "the demo or a closed network");
        }
    }

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        MllpEndpoint endpoint = (MllpEndpoint) super.createEndpoint(uri, remaining, parameters);
        if (properties.tls().configured()) {
            // per endpoint: MllpConfiguration.copy() leaves the component's TLS set-up out (4.17)
            endpoint.setSslContextParameters(properties.tls().sslContextParameters());
        }
        return endpoint;
    }

    /**
     * Opens the stores once at start, so a wrong path or password stops the hub naming the store; camel-mllp itself
     * opens them at each new connection (which is also why a trust store replaced on disk counts from the next one).
     */
    @Override
    protected void doStart() throws Exception {
        super.doStart();
        if (properties.tls().configured()) {
            SSLContextParameters parameters = properties.tls().sslContextParameters();
            try {
                parameters.createSSLContext(getCamelContext());
            } catch (Exception e) {
                // the paths are configuration, not personal data; the passwords are never in the message
                throw new IllegalStateException("cannot open vardnav.journal.outbound.tls: key store " + properties.tls().keyStore()
                        + " or trust store " + properties.tls().trustStore() + " (" + e.getClass().getSimpleName() + ": "
                        + e.getMessage() + ")", e);
            }
        }
    }
}
