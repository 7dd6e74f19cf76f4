package se.vardnav.connector.sms.smpp;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Producer;
import org.apache.camel.component.smpp.NoDelaySmppProducer;
import org.apache.camel.component.smpp.SmppEndpoint;
import se.vardnav.connector.sms.SmsAccepted;
import se.vardnav.connector.sms.SmsGatewayFaultException;
import se.vardnav.connector.sms.SmsGateway;
import se.vardnav.connector.sms.SmsMessage;
import se.vardnav.connector.sms.SmsRejectedException;
import se.vardnav.connector.sms.SmsTransientException;
import se.vardnav.connector.sms.Splitting;

import java.util.List;

/**
 * The SMS gateway over SMPP (camel-smpp): submit_sm, answered with the SMSC's message id(s). One bind
 * (a transceiver) shared by every caller: jsmpp keeps any number of submit_sm outstanding on it, one
 * per calling thread, so the {@code notify.sms} consumers are the window.
 */
public class SmppSmsGateway implements SmsGateway {
    private final Producer producer;

    public SmppSmsGateway(Producer producer) {
        this.producer = producer;
    }

    /**
     * A gateway on its own camel-smpp producer with TCP_NODELAY ({@link NoDelaySmppProducer}), registered
     * with the context so that it unbinds on shutdown.
     */
    public static SmppSmsGateway start(CamelContext camel, String producerUri) {
        Producer producer = new NoDelaySmppProducer(camel.getEndpoint(producerUri, SmppEndpoint.class));
        try {
            camel.addService(producer, true, true);
        } catch (Exception e) {
            throw new IllegalStateException("SMPP producer did not start", e);
        }
        return new SmppSmsGateway(producer);
    }

    @Override
    public SmsAccepted send(SmsMessage m) {
        Exchange sent = producer.getEndpoint().createExchange();
        SmppCamel.applyTo(sent.getMessage(), new SmppSubmit(m.businessKey(), m.from(), m.to(), m.text(), m.unicode()));
        try {
            producer.process(sent);
        } catch (Exception e) {
            sent.setException(e);
        }
        Exception failure = sent.getException();
        if (failure != null) {
            int status = SmppStatus.commandStatusOf(failure).orElse(0);
            if (SmppStatus.isConfigurationFault(status)) {
                throw new SmsGatewayFaultException("SMSC refused the bind (command_status " + status + ")", status);
            }
            if (SmppStatus.isTransient(failure)) {
                throw new SmsTransientException("SMSC did not take the message (command_status " + status + ")", status, failure);
            }
            throw new SmsRejectedException("SMSC refused the message (command_status " + status + ")", status,
                    "command_status 0x" + Integer.toHexString(status));
        }
        List<?> ids = sent.getMessage().getHeader("CamelSmppId", List.class);
        // a long text has one id per part; the first one's receipt stands for the message
        return new SmsAccepted(ids == null || ids.isEmpty() ? m.businessKey() : String.valueOf(ids.get(0)));
    }

    /** camel-smpp's splitter cuts the UCS-2 octets, 134 a part, wherever they fall. */
    @Override
    public Splitting splitting() {
        return Splitting.UCS2_BY_OCTETS;
    }
}
