package se.vardnav.notification;

import ca.uhn.fhir.context.FhirContext;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import se.vardnav.connector.sms.DeliveryReportUrls;
import se.vardnav.connector.sms.ElksSmsGateway;
import se.vardnav.connector.sms.KannelSmsGateway;
import se.vardnav.connector.sms.ReportSignature;
import se.vardnav.connector.sms.SmsGateway;

import java.time.Clock;
import java.time.Duration;

/** The region's SMS gateway, chosen by configuration ({@code vardnav.sms.protocol}: elks, kannel or smpp). */
@Configuration(proxyBeanMethods = false)
public class SmsConfiguration {

    @Bean
    ReportSignature smsReportSignature(@Value("${vardnav.sms.report-secret}") String secret) {
        return new ReportSignature(secret);
    }

    @Bean
    SmsGateway smsGateway(org.springframework.beans.factory.ObjectProvider<se.vardnav.connector.sms.smpp.SmppCamel.Account> smpp,
                          org.apache.camel.CamelContext camel, ReportSignature signature,
                          @Value("${vardnav.sms.protocol}") String protocol,
                          @Value("${vardnav.sms.base-url}") String baseUrl,
                          @Value("${vardnav.sms.user}") String user,
                          @Value("${vardnav.sms.password}") String password,
                          @Value("${vardnav.sms.report-base-url:}") String reportBase,
                          @Value("${vardnav.sms.connect-timeout}") Duration connect,
                          @Value("${vardnav.sms.request-timeout}") Duration request) {
        DeliveryReportUrls reports = reportBase.isBlank() ? null
                : new DeliveryReportUrls(reportBase + "/sms/reports/" + protocol, protocol, signature);
        return switch (protocol) {
            case "elks" -> new ElksSmsGateway(baseUrl, user, password, reports, connect, request);
            case "kannel" -> new KannelSmsGateway(baseUrl, user, password, reports, connect, request);
            case "smpp" -> se.vardnav.connector.sms.smpp.SmppSmsGateway.start(camel,
                    se.vardnav.connector.sms.smpp.SmppCamel.producerUri(smpp.getObject(), se.vardnav.connector.sms.smpp.SmppCamel.RECEIPT_ROUTE_ID)
                            + "&lazySessionCreation=true");
            default -> throw new IllegalArgumentException("vardnav.sms.protocol must be elks, kannel or smpp, not '" + protocol + "'");
        };
    }

    /** Health component {@code smsGateway}. */
    @Bean
    SmsGatewayHealth smsGatewayHealthIndicator(@Value("${vardnav.sms.protocol}") String protocol, Clock clock, MeterRegistry meters) {
        return new SmsGatewayHealth(protocol, clock, meters);
    }

    @Bean
    DeliveryReportIntake deliveryReportIntake(@Value("${vardnav.sms.protocol}") String protocol, ReportSignature signature,
                                              SmsSends sends, Clock clock, MeterRegistry meters) {
        return new DeliveryReportIntake(protocol, signature, sends, clock, meters);
    }

    @Bean
    BookingNotices bookingNotices(FhirContext fhir, JdbcTemplate jdbc, Clock clock, MeterRegistry meters, Reminders reminders,
                                  NotificationPolicy policy, SmsTemplates templates,
                                  @Value("${vardnav.notification.zone}") String zone,
                                  @Value("${vardnav.notification.reminder-before}") Duration before) {
        return new BookingNotices(fhir, templates, jdbc, clock, java.time.ZoneId.of(zone), meters,
                reminders, before, policy);
    }

    @Bean
    Reminders reminders(JdbcTemplate jdbc, FhirContext fhir, NoticeEncoding encoding, Clock clock, NotificationPolicy policy,
                        @Value("${vardnav.notification.reminder-check-threads}") int checkThreads,
                        @Value("${vardnav.notification.reminder-recheck-lead}") Duration recheckLead) {
        // the policy is asked again shortly before each reminder goes out: the patient may have died or become protected since booking
        Reminders.Recheck recheck = (system, id, phone, recipient) -> policy.stillReaches(system, id, phone, BookingNotices.REMINDER, recipient);
        return new Reminders(jdbc, fhir, encoding, clock, Reminders.DEFAULT_CLAIM_TIMEOUT, recheck,
                Reminders.checkThreads(checkThreads), recheckLead);
    }

    @Bean
    ChatNotices chatNotices(JdbcTemplate jdbc, Clock clock, MeterRegistry meters, NotificationPolicy policy, SmsTemplates templates,
                            @Value("${vardnav.notification.chat-delay}") Duration delay) {
        return new ChatNotices(jdbc, templates, clock, delay, meters, policy);
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
    SmsDispatch smsDispatch(FhirContext fhir, SmsGateway gateway, @Value("${vardnav.sms.protocol}") String protocol,
                            @Value("${vardnav.sms.sender}") String sender, @Value("${vardnav.sms.max-segments}") int maxSegments,
                            SmsSends sends, SmsGatewayHealth health, MeterRegistry meters) {
        return new SmsDispatch(fhir, gateway, protocol, sender, maxSegments, sends, health, meters);
    }
}
