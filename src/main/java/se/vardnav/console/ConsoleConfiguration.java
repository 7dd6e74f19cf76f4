package se.vardnav.console;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

@Configuration(proxyBeanMethods = false)
public class ConsoleConfiguration {

    @Bean
    DeadLetters deadLetters(Clock clock) {
        return new DeadLetters(clock);
    }
}
