package se.vardnav.guest;

import ca.uhn.fhir.context.FhirContext;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.ProducerTemplate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

import se.vardnav.config.QueueProperties;
import se.vardnav.notification.NotificationProperties;

import java.io.IOException;
import java.time.Clock;

/** Guest invitations: the platform's guests in, links and notices out by SMS and e-mail. */
@Configuration(proxyBeanMethods = false)
public class GuestConfiguration {

    @Bean
    GuestStore guestStore(JdbcTemplate jdbc, Clock clock) {
        return new GuestStore(jdbc, clock);
    }

    @Bean
    GuestInvitations guestInvitations(FhirContext fhir, JdbcTemplate jdbc, GuestStore store, ProducerTemplate producer, MeterRegistry meters,
                                      NotificationProperties notification, GuestProperties guest, QueueProperties queues) throws IOException {
        GuestNotices notices = new GuestNotices(notification.smsTemplates(), guest.emailTexts(),
                notification.zone(), guest.guestLinkBase(), new GuestTokens(guest.guestLinkSecret()));
        return new GuestInvitations(fhir, jdbc, store, notices, producer, QueueProperties.jms(queues.notifySms()),
                QueueProperties.jms(queues.notifyEmail()), meters);
    }

    @Bean
    GuestsOperationProvider guestsOperationProvider(FhirContext fhir, GuestInvitations invitations) {
        return new GuestsOperationProvider(fhir, invitations);
    }
}
