package se.vardnav.notification;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import se.vardnav.connector.platform.PlatformClient;
import se.vardnav.connector.register.PopulationRegister;

import java.time.Clock;

/** The notification policy every patient-facing notice passes: the register, the platform's accounts, the region's templates. */
@Configuration(proxyBeanMethods = false)
public class NotificationPolicyConfiguration {

    @Bean
    NotificationPolicy notificationPolicy(PopulationRegister register, PlatformClient platform, Clock clock, MeterRegistry meters,
                                          SmsTemplates region, NotificationProperties notification) {
        return new NotificationPolicy(register, platform::findAccount, region::allowsProtectedIdentity, clock, notification.zone(), meters);
    }
}
