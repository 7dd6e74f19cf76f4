package se.vardnav.guest;

import ca.uhn.fhir.context.FhirContext;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.ProducerTemplate;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.Resource;
import org.springframework.jdbc.core.JdbcTemplate;
import se.vardnav.notification.SmsTemplates;

import java.io.IOException;
import java.time.Clock;
import java.time.ZoneId;

/** Guest invitations: the platform's guests in, links and notices out by SMS and e-mail. */
@Configuration(proxyBeanMethods = false)
public class GuestConfiguration {

    @Bean
    GuestStore guestStore(JdbcTemplate jdbc, Clock clock) {
        return new GuestStore(jdbc, clock);
    }

    @Bean
    GuestInvitations guestInvitations(FhirContext fhir, JdbcTemplate jdbc, GuestStore store, ProducerTemplate producer, MeterRegistry meters,
                                      @Value("${vardnav.notification.templates}") Resource smsTemplates,
                                      @Value("${vardnav.notification.email-templates}") Resource emailTemplates,
                                      @Value("${vardnav.notification.zone}") String zone,
                                      @Value("${vardnav.notification.guest-link-base}") String linkBase,
                                      @Value("${vardnav.notification.guest-link-secret}") String secret,
                                      @Value("jms:queue:${vardnav.queue.notify-sms}") String smsEndpoint,
                                      @Value("jms:queue:${vardnav.queue.notify-email}") String emailEndpoint) throws IOException {
        GuestNotices notices = new GuestNotices(new SmsTemplates(smsTemplates.getInputStream()), new SmsTemplates(emailTemplates.getInputStream()),
                ZoneId.of(zone), linkBase, new GuestTokens(secret));
        return new GuestInvitations(fhir, jdbc, store, notices, producer, smsEndpoint, emailEndpoint, meters);
    }

    @Bean
    GuestsOperationProvider guestsOperationProvider(FhirContext fhir, GuestInvitations invitations) {
        return new GuestsOperationProvider(fhir, invitations);
    }
}
