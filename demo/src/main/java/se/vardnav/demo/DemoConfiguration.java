package se.vardnav.demo;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import se.vardnav.sim.platform.PlatformSimulator;
import se.vardnav.sim.register.RegisterSimulator;
import se.vardnav.sim.sms.HttpSmsGatewaySimulator;

/**
 * The "demo" profile (what {@code ./mvnw spring-boot:run} starts): the visit platform and the
 * population register and the SMS gateway are simulated in-process on their own ports, and a few sample bookings are
 * sent over MLLP once the hub is up, so a newcomer sees the flow.
 */
@Configuration(proxyBeanMethods = false)
@Profile("demo")
public class DemoConfiguration {

    @Bean(destroyMethod = "close")
    PlatformSimulator platformSimulator(@Value("${vardnav.demo.platform-port:8091}") int port) {
        // as a real platform: every call needs a token from its token endpoint (application-demo.yml's client)
        return new PlatformSimulator(port).requireTokens().start();
    }

    @Bean(destroyMethod = "close")
    RegisterSimulator registerSimulator(@Value("${vardnav.demo.register-port:8092}") int port) {
        return new RegisterSimulator(port).start();
    }

    @Bean(destroyMethod = "close")
    HttpSmsGatewaySimulator smsGatewaySimulator(@Value("${vardnav.demo.sms-port:8093}") int port) {
        HttpSmsGatewaySimulator sim = new HttpSmsGatewaySimulator(port).start();
        sim.autoReport(true);
        return sim;
    }

    @Bean
    ApplicationRunner sampleBookings(PlatformSimulator platform, RegisterSimulator register,
                                     @Value("${vardnav.journal.mllp.port}") int mllpPort) {
        return args -> new SampleBookings(platform, register, mllpPort).startInBackground();
    }
}
