package se.vardnav.guest;

import ca.uhn.fhir.context.FhirContext;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import se.vardnav.notification.NotificationProperties;
import se.vardnav.notification.NoticeQueue;
import se.vardnav.notification.SmsTemplates;

import java.io.IOException;
import java.time.Clock;

/** Guest invitations: the platform's guests in, links and notices out by SMS and e-mail. */
@Configuration(proxyBeanMethods = false)
public class GuestConfiguration {

    @Bean
    GuestStore guestStore(JdbcTemplate jdbc, Clock clock, se.vardnav.privacy.DataCipher cipher) {
        return new GuestStore(jdbc, clock, cipher);
    }

    @Bean
    GuestInvitations guestInvitations(FhirContext fhir, TransactionTemplate transactions, GuestStore store, MeterRegistry meters,
                                      SmsTemplates smsTemplates, NotificationProperties notification, GuestProperties guest,
                                      se.vardnav.booking.BookingLinks links) throws IOException {
        GuestNotices notices = new GuestNotices(smsTemplates, guest.emailTexts(),
                notification.zone(), guest.guestLinkBase(), new GuestTokens(guest.guestLinkSecret()));
        return new GuestInvitations(fhir, transactions, store, notices, meters, links);
    }

    @Bean
    GuestsOperationProvider guestsOperationProvider(FhirContext fhir, GuestInvitations invitations, NoticeQueue notices) {
        return new GuestsOperationProvider(fhir, invitations, notices);
    }
}
