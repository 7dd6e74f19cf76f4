package se.vardnav.notification;

import ca.uhn.fhir.context.FhirContext;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import se.vardnav.connector.sms.DeliveryReportUrls;
import se.vardnav.connector.sms.ElksSmsGateway;
import se.vardnav.connector.sms.KannelSmsGateway;
import se.vardnav.connector.sms.ReportSignature;
import se.vardnav.connector.sms.SmsGateway;
import se.vardnav.connector.sms.SmsProperties;
import se.vardnav.cluster.RowClaims;
import se.vardnav.config.QueueProperties;

import java.time.Clock;

/** The region's SMS gateway, chosen by configuration ({@code vardnav.sms.protocol}: elks, kannel or smpp). */
@Configuration(proxyBeanMethods = false)
public class SmsConfiguration {

    @Bean
    ReportSignature smsReportSignature(SmsProperties sms) {
        return new ReportSignature(sms.reportSecret());
    }

    @Bean
    SmsGateway smsGateway(org.springframework.beans.factory.ObjectProvider<se.vardnav.connector.sms.smpp.SmppCamel.Account> smpp,
                          org.apache.camel.CamelContext camel, ReportSignature signature,
                          SmsProperties sms) {
        String protocol = sms.protocol();
        DeliveryReportUrls reports = sms.reportBaseUrl().isBlank() ? null
                : new DeliveryReportUrls(sms.reportBaseUrl() + "/sms/reports/" + protocol, protocol, signature);
        return switch (protocol) {
            case "elks" -> new ElksSmsGateway(sms.baseUrl(), sms.user(), sms.password(), reports, sms.connectTimeout(), sms.requestTimeout());
            case "kannel" -> new KannelSmsGateway(sms.baseUrl(), sms.user(), sms.password(), reports, sms.connectTimeout(), sms.requestTimeout());
            case "smpp" -> se.vardnav.connector.sms.smpp.SmppSmsGateway.start(camel,
                    se.vardnav.connector.sms.smpp.SmppCamel.producerUri(smpp.getObject(), se.vardnav.connector.sms.smpp.SmppCamel.RECEIPT_ROUTE_ID)
                            + "&lazySessionCreation=true");
            default -> throw new IllegalArgumentException("vardnav.sms.protocol must be elks, kannel or smpp, not '" + protocol + "'");
        };
    }

    /** Health component {@code smsGateway}. */
    @Bean
    SmsGatewayHealth smsGatewayHealthIndicator(SmsProperties sms, Clock clock, MeterRegistry meters) {
        return new SmsGatewayHealth(sms.protocol(), clock, meters);
    }

    @Bean
    DeliveryReportIntake deliveryReportIntake(SmsProperties sms, ReportSignature signature,
                                              SmsSends sends, Clock clock, MeterRegistry meters) {
        return new DeliveryReportIntake(sms.protocol(), signature, sends, clock, meters);
    }

    @Bean
    BookingNotices bookingNotices(FhirContext fhir, JdbcTemplate jdbc, Clock clock, MeterRegistry meters, Reminders reminders,
                                  NotificationPolicy policy, SmsTemplates templates,
                                  NotificationProperties notification, ReminderProperties reminder) {
        return new BookingNotices(fhir, templates, jdbc, clock, notification.zone(), meters,
                reminders, reminder.reminderBefore(), policy);
    }

    @Bean
    Reminders reminders(JdbcTemplate jdbc, FhirContext fhir, NoticeEncoding encoding, Clock clock, NotificationPolicy policy,
                        ReminderProperties reminder, RowClaims claims, se.vardnav.privacy.DataCipher cipher) {
        // the policy is asked again shortly before each reminder goes out: the patient may have died or become protected since booking
        Reminders.Recheck recheck = (system, id, phone, recipient) -> policy.stillReaches(system, id, phone, BookingNotices.REMINDER, recipient);
        return new Reminders(jdbc, fhir, encoding, clock, claims, recheck,
                Reminders.checkThreads(reminder.reminderCheckThreads()), reminder.reminderRecheckLead(), cipher);
    }

    @Bean
    ChatNotices chatNotices(JdbcTemplate jdbc, Clock clock, MeterRegistry meters, NotificationPolicy policy, SmsTemplates templates,
                            NotificationProperties notification, se.vardnav.privacy.DataCipher cipher) {
        return new ChatNotices(jdbc, templates, clock, notification.chatDelay(), meters, policy, cipher);
    }

    @Bean
    CommunicationProvider communicationProvider(SmsSends smsSends, ChatNotices chatNotices, NoticeQueue notices) {
        return new CommunicationProvider(smsSends, chatNotices, notices);
    }

    @Bean
    SmsSends smsSends(JdbcTemplate jdbc, Clock clock) {
        return new SmsSends(jdbc, clock);
    }

    @Bean
    SmsDispatch smsDispatch(FhirContext fhir, SmsGateway gateway, SmsProperties sms,
                            SmsSends sends, SmsGatewayHealth health, MeterRegistry meters) {
        return new SmsDispatch(fhir, gateway, sms.protocol(), sms.sender(), sms.maxSegments(), sends, health, meters);
    }
}
