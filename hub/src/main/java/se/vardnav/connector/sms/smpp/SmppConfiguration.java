package se.vardnav.connector.sms.smpp;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import se.vardnav.connector.sms.SmsProperties;


/**
 * SMPP wiring, only when {@code vardnav.sms.protocol=smpp}: the SMSC account from configuration (the route that
 * takes its delivery receipts is the notification flow's, {@code notification.SmppReceiptConfiguration}). In Java rather than routes/*.yaml because it exists only
 * for this protocol; the supervising route controller keeps retrying its bind if the SMSC is down.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "vardnav.sms.protocol", havingValue = "smpp")
public class SmppConfiguration {

    @Bean
    SmppCamel.Account smppAccount(SmsProperties sms) {
        SmsProperties.Smpp smpp = sms.smpp();
        return new SmppCamel.Account(smpp.host(), smpp.port(), smpp.systemId(), smpp.password(), smpp.systemType(),
                new SmppCamel.Reconnect(smpp.reconnectDelayMs(), smpp.reconnectDelayMs(), 3));
    }
}
