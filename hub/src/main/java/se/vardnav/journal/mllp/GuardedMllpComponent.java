package se.vardnav.journal.mllp;

import org.apache.camel.Endpoint;
import org.apache.camel.Processor;
import org.apache.camel.component.mllp.MllpComponent;
import org.apache.camel.component.mllp.MllpConfiguration;
import org.apache.camel.support.CamelContextHelper;

import java.util.Map;

/**
 * camel-mllp as the journal system's listener, under the scheme {@code journal-mllp}: the same endpoint
 * options, with the hub's rules for connections (caps, idle timeout), oversized and unframed input, and
 * logs without message content (see {@link GuardedMllpConsumer}), and TLS with client certificates
 * ({@link MllpTls}) unless plain MLLP is explicitly allowed. Server side only.
 */
public final class GuardedMllpComponent extends MllpComponent {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(GuardedMllpComponent.class);
    private final MllpConnections connections;
    private final EdgeAnswers answers;
    private final JournalMllpProperties properties;

    public GuardedMllpComponent(MllpConnections connections, EdgeAnswers answers, JournalMllpProperties properties) {
        this.connections = connections;
        this.answers = answers;
        this.properties = properties;
        setLogPhi(false); // camel-mllp's exceptions would carry the message text
        MllpConfiguration defaults = new MllpConfiguration();
        // errors of reading a connection are handled (and counted) by the hub, not routed as exchanges
        defaults.setBridgeErrorHandler(false);
        defaults.setReceiveTimeout((int) properties.receiveTimeout().toMillis());
        defaults.setReadTimeout((int) properties.readTimeout().toMillis());
        // camel-mllp sets SO_REUSEADDR false by default: after kill -9 the port's connections linger in
        // TIME_WAIT/FIN_WAIT for a minute and a restart could not bind
        defaults.setReuseAddress(true);
        // the port held by another process: start-up fails after this, and the hub does not start at all
        // (journal-hl7-in starts before every other route: routes/journal-in.yaml)
        defaults.setBindTimeout((int) properties.bindTimeout().toMillis());
        defaults.setBindRetryInterval((int) Math.min(1000, properties.bindTimeout().toMillis()));
        defaults.setLenientBind(false);
        setConfiguration(defaults);
        if (!properties.tls().configured()) {
            LOG.warn("MLLP listens WITHOUT TLS on {}:{} (vardnav.journal.mllp.plain-allowed=true): HL7 messages with personal "
                    + "data travel in clear and any peer that reaches the port may send; use only on the demo or a closed network",
                    properties.host(), properties.port());
        }
    }

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        GuardedMllpEndpoint endpoint = new GuardedMllpEndpoint(uri, this, getConfiguration().copy(), this);
        endpoint.setCharsetName(getDefaultCharset());
        int colon = remaining.lastIndexOf(':');
        if (colon >= 0) {
            endpoint.setHostname(remaining.substring(0, colon));
            endpoint.setPort(CamelContextHelper.parseInt(getCamelContext(), remaining.substring(colon + 1)));
        } else {
            endpoint.setPort(CamelContextHelper.parseInt(getCamelContext(), remaining));
        }
        setProperties(endpoint, parameters);
        // after the URI's options, and per endpoint: MllpConfiguration.copy() leaves the buffer sizes out (4.17).
        // The buffer may grow to the limit plus one read; beyond that the message is oversized.
        endpoint.getConfiguration().setMaxBufferSize(properties.maxMessageBytes() + 65_536);
        if (properties.tls().configured()) {
            endpoint.getConfiguration().setSslContextParameters(properties.tls().sslContextParameters()); // copy() leaves it out too
        }
        return endpoint;
    }

    GuardedMllpConsumer consumer(GuardedMllpEndpoint endpoint, Processor processor) {
        return new GuardedMllpConsumer(endpoint, processor, connections, answers, properties.maxMessageBytes(),
                properties.idleTimeout().toNanos(), properties.tls());
    }
}
