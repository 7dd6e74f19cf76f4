package se.vardnav.notification.app;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import se.vardnav.connector.platform.PlatformClient;
import se.vardnav.notification.NoticeQueue;
import se.vardnav.notification.NotificationPolicy;
import se.vardnav.notification.SmsTemplates;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/** "Skicka SMS om appen": the region's apps ({@code vardnav.notification.apps.<id>.name/link}) and the FHIR operation. */
@Configuration(proxyBeanMethods = false)
public class AppInvitationConfiguration {

    @Bean
    AppInvitations appInvitations(Environment env, NoticeQueue notices, PlatformClient platform,
                                  NotificationPolicy policy, JdbcTemplate jdbc, Clock clock, SmsTemplates templates,
                                  @Value("${vardnav.notification.app-sms.max-per-patient}") int maxPerPatient,
                                  @Value("${vardnav.notification.app-sms.per}") Duration per) {
        Map<String, AppInvitations.App> apps = Binder.get(env)
                .bind("vardnav.notification.apps", Bindable.mapOf(String.class, AppInvitations.App.class)).orElse(Map.of());
        return new AppInvitations(apps, templates, notices::queue, platform::findAccount, policy, new AppSmsRateLimit(jdbc, clock, maxPerPatient, per));
    }

    @Bean
    AppInvitationProvider appInvitationProvider(AppInvitations invitations) {
        return new AppInvitationProvider(invitations);
    }
}
