package se.vardnav.journal.mllp;

import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.component.mllp.MllpComponent;
import org.apache.camel.component.mllp.MllpConfiguration;
import org.apache.camel.component.mllp.MllpEndpoint;

/** camel-mllp's endpoint (same options), whose consumer applies the hub's connection rules. */
final class GuardedMllpEndpoint extends MllpEndpoint {
    private final GuardedMllpComponent guard;

    GuardedMllpEndpoint(String uri, MllpComponent component, MllpConfiguration configuration, GuardedMllpComponent guard) {
        super(uri, component, configuration);
        this.guard = guard;
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        Consumer consumer = guard.consumer(this, processor);
        configureConsumer(consumer);
        return consumer;
    }
}
