package se.vardnav.notification;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.Resource;
import se.vardnav.connector.platform.PlatformClient;
import se.vardnav.connector.register.PopulationRegister;

import java.io.IOException;
import java.time.Clock;
import java.time.ZoneId;

/** The notification policy every patient-facing notice passes: the register, the platform's accounts, the region's templates. */
@Configuration(proxyBeanMethods = false)
public class NotificationPolicyConfiguration {

    @Bean
    NotificationPolicy notificationPolicy(PopulationRegister register, PlatformClient platform, Clock clock, MeterRegistry meters,
                                          @Value("${vardnav.notification.templates}") Resource templates,
                                          @Value("${vardnav.notification.zone}") String zone) throws IOException {
        SmsTemplates region = new SmsTemplates(templates.getInputStream());
        return new NotificationPolicy(register, platform::findAccount, region::allowsProtectedIdentity, clock, ZoneId.of(zone), meters);
    }
}
