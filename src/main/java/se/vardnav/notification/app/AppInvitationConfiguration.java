package se.vardnav.notification.app;

import ca.uhn.fhir.context.FhirContext;
import org.apache.camel.ProducerTemplate;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.io.Resource;
import org.springframework.jdbc.core.JdbcTemplate;
import se.vardnav.booking.BookingHeaders;
import se.vardnav.connector.platform.PlatformClient;
import se.vardnav.notification.NotificationPolicy;
import se.vardnav.notification.SmsTemplates;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/** "Skicka SMS om appen": the region's apps ({@code vardnav.notification.apps.<id>.name/link}) and the FHIR operation. */
@Configuration(proxyBeanMethods = false)
public class AppInvitationConfiguration {

    @Bean
    AppInvitations appInvitations(Environment env, FhirContext fhir, ProducerTemplate producer, PlatformClient platform,
                                  NotificationPolicy policy, JdbcTemplate jdbc, Clock clock,
                                  @Value("${vardnav.notification.templates}") Resource templates,
                                  @Value("jms:queue:${vardnav.queue.notify-sms}") String smsEndpoint,
                                  @Value("${vardnav.notification.app-sms.max-per-patient}") int maxPerPatient,
                                  @Value("${vardnav.notification.app-sms.per}") Duration per) throws IOException {
        Map<String, AppInvitations.App> apps = Binder.get(env)
                .bind("vardnav.notification.apps", Bindable.mapOf(String.class, AppInvitations.App.class)).orElse(Map.of());
        return new AppInvitations(apps, new SmsTemplates(templates.getInputStream()),
                sms -> producer.sendBodyAndHeader(smsEndpoint, fhir.newJsonParser().encodeResourceToString(sms.toFhir()),
                        BookingHeaders.DUPLICATE_ID, sms.businessKey()),
                platform::findAccount, policy, new AppSmsRateLimit(jdbc, clock, maxPerPatient, per));
    }

    @Bean
    AppInvitationProvider appInvitationProvider(AppInvitations invitations) {
        return new AppInvitationProvider(invitations);
    }
}
