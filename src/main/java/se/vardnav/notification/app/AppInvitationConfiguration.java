package se.vardnav.notification.app;

import ca.uhn.fhir.context.FhirContext;
import org.apache.camel.ProducerTemplate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import se.vardnav.booking.BookingHeaders;
import se.vardnav.connector.platform.PlatformClient;
import se.vardnav.config.QueueProperties;
import se.vardnav.notification.NotificationPolicy;
import se.vardnav.notification.NotificationProperties;

import java.io.IOException;
import java.time.Clock;

/** "Skicka SMS om appen": the region's apps ({@code vardnav.notification.apps.<id>.name/link}) and the FHIR operation. */
@Configuration(proxyBeanMethods = false)
public class AppInvitationConfiguration {

    @Bean
    AppInvitations appInvitations(FhirContext fhir, ProducerTemplate producer, PlatformClient platform,
                                  NotificationPolicy policy, JdbcTemplate jdbc, Clock clock,
                                  NotificationProperties notification, QueueProperties queues, AppSmsProperties app) throws IOException {
        String smsEndpoint = QueueProperties.jms(queues.notifySms());
        return new AppInvitations(app.apps(), notification.smsTemplates(),
                sms -> producer.sendBodyAndHeader(smsEndpoint, fhir.newJsonParser().encodeResourceToString(sms.toFhir()),
                        BookingHeaders.DUPLICATE_ID, sms.businessKey()),
                platform::findAccount, policy, new AppSmsRateLimit(jdbc, clock, app.appSms().maxPerPatient(), app.appSms().per()));
    }

    @Bean
    AppInvitationProvider appInvitationProvider(AppInvitations invitations) {
        return new AppInvitationProvider(invitations);
    }
}
