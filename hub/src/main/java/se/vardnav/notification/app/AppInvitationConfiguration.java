package se.vardnav.notification.app;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import se.vardnav.connector.platform.PlatformClient;
import se.vardnav.notification.NoticeQueue;
import se.vardnav.notification.NotificationPolicy;
import se.vardnav.notification.NotificationProperties;
import se.vardnav.notification.SmsTemplates;

import java.time.Clock;

/** "Skicka SMS om appen": the region's apps ({@code vardnav.notification.apps.<id>.name/link}) and the FHIR operation. */
@Configuration(proxyBeanMethods = false)
public class AppInvitationConfiguration {

    @Bean
    AppInvitations appInvitations(NoticeQueue notices, PlatformClient platform,
                                  NotificationPolicy policy, JdbcTemplate jdbc, Clock clock, SmsTemplates templates,
                                  AppSmsProperties app) {
        return new AppInvitations(app.apps(), templates, notices::queue, platform::findAccount, policy,
                new AppSmsRateLimit(jdbc, clock, app.appSms().maxPerPatient(), app.appSms().per()));
    }

    @Bean
    AppInvitationProvider appInvitationProvider(AppInvitations invitations) {
        return new AppInvitationProvider(invitations);
    }
}
