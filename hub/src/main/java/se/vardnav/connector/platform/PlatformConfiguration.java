package se.vardnav.connector.platform;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The visit platform's FHIR client. */
@Configuration(proxyBeanMethods = false)
public class PlatformConfiguration {

    @Bean
    PlatformClient platformClient(PlatformProperties platform) {
        return new PlatformClient(platform.baseUrl(), platform.socketTimeout(), platform.connectTimeout(), platform.timeoutPerMegabyte());
    }

}
