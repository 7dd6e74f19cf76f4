package se.vardnav.connector.sms.smpp;

import org.apache.camel.builder.RouteBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import se.vardnav.connector.sms.DeliveryReport;
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
    SmppCamel.Account smppAccount(@Value("${vardnav.sms.smpp.host}") String host, @Value("${vardnav.sms.smpp.port}") int port,
                                  @Value("${vardnav.sms.smpp.system-id}") String user, @Value("${vardnav.sms.smpp.password}") String password,
                                  @Value("${vardnav.sms.smpp.system-type}") String systemType,
                                  @Value("${vardnav.sms.smpp.reconnect-delay-ms}") long reconnectDelay) {
        return new SmppCamel.Account(host, port, user, password, systemType,
                new SmppCamel.Reconnect(reconnectDelay, reconnectDelay, 3));
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
