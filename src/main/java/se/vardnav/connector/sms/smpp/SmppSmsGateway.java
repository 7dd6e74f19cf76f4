package se.vardnav.connector.sms.smpp;

import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import se.vardnav.connector.sms.SmsAccepted;
import se.vardnav.connector.sms.SmsGateway;
import se.vardnav.connector.sms.SmsMessage;
import se.vardnav.connector.sms.SmsRejectedException;
import se.vardnav.connector.sms.SmsTransientException;

import java.util.List;

/** The SMS gateway over SMPP (camel-smpp): submit_sm, answered with the SMSC's message id(s). */
public class SmppSmsGateway implements SmsGateway {
    private final ProducerTemplate producer;
    private final String producerUri;

    public SmppSmsGateway(ProducerTemplate producer, String producerUri) {
        this.producer = producer;
        this.producerUri = producerUri;
    }

    @Override
    public SmsAccepted send(SmsMessage m) {
        Exchange sent = producer.send(producerUri, e -> SmppCamel.applyTo(e.getMessage(),
                new SmppSubmit(m.businessKey(), m.from(), m.to(), m.text(), m.unicode())));
        Exception failure = sent.getException();
        if (failure != null) {
            int status = SmppStatus.commandStatusOf(failure).orElse(0);
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
}
