package se.vardnav.notification;

import org.apache.camel.builder.RouteBuilder;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import se.vardnav.connector.sms.DeliveryReport;
import se.vardnav.connector.sms.smpp.SmppCamel;

import java.time.Clock;
import java.util.Date;

/**
 * The route that takes the SMSC's delivery receipts and hands them to the delivery-report intake, only when
 * {@code vardnav.sms.protocol=smpp}. Here rather than beside the SMPP client so the client knows no rule of the hub.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "vardnav.sms.protocol", havingValue = "smpp")
public class SmppReceiptConfiguration {

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
