package se.vardnav.connector.platform;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

/** The visit platform's FHIR client, and the access token every client of the platform sends. */
@Configuration(proxyBeanMethods = false)
public class PlatformConfiguration {

    /** System clock, not the hub's: tokens expire in real time, and their expiry is reckoned from it. */
    @Bean
    PlatformTokens platformTokens(PlatformProperties platform) {
        return PlatformTokens.of(platform.auth(), platform.connectTimeout(), platform.socketTimeout(), Clock.systemUTC());
    }

    @Bean
    PlatformClient platformClient(PlatformProperties platform, PlatformTokens tokens) {
        return new PlatformClient(platform.baseUrl(), platform.socketTimeout(), platform.connectTimeout(), platform.timeoutPerMegabyte(), tokens);
    }

}
