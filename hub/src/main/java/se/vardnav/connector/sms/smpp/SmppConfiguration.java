package se.vardnav.connector.sms.smpp;

import org.apache.camel.builder.RouteBuilder;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import se.vardnav.connector.sms.DeliveryReport;
import se.vardnav.connector.sms.SmsProperties;
import se.vardnav.notification.DeliveryReportIntake;

import java.time.Clock;
import java.util.Date;

/**
 * SMPP wiring, only when {@code vardnav.sms.protocol=smpp}: the SMSC account from configuration and
 * the route that takes delivery receipts. In Java rather than routes/*.yaml because it exists only
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

    @Bean
    RouteBuilder smppReceiptRoute(SmppCamel.Account account, DeliveryReportIntake reports, Clock clock) {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from(SmppCamel.consumerUri(account)).routeId(SmppCamel.RECEIPT_ROUTE_ID)
                        .process(e -> SmppCamel.receipt(e.getMessage()).ifPresent(r -> reports.receipt(new DeliveryReport(
                                r.messageId(), null, r.status(), doneAt(e.getMessage().getHeader("CamelSmppDoneDate"), clock)))));
            }
        };
    }

    /** The SMSC's "done date" of the receipt: the gateway's time of the report, as for the HTTP gateways. */
    static java.time.Instant doneAt(Object doneDate, Clock clock) {
        return doneDate instanceof Date d ? d.toInstant() : clock.instant();
    }
}
