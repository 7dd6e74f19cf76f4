package se.vardnav.durability;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** What makes an answer (AA, 201) a promise that survives kill -9: see {@link H2CommitDurability}. */
@Configuration(proxyBeanMethods = false)
public class DurabilityConfiguration {
    @Bean
    static BeanPostProcessor h2CommitDurability() {
        return new H2CommitDurability();
    }
}
