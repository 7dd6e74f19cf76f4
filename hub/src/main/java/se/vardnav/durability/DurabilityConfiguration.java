package se.vardnav.durability;

import org.apache.camel.CamelContext;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import se.vardnav.broker.HubRoutes;

import java.util.List;

/**
 * What makes an answer (AA, 201) a promise that survives kill -9 ({@link H2CommitDurability}), and a graceful shutdown
 * that stops intake first: readiness DOWN and new HTTP requests answered 503 ({@link NotReadyFilter}, also while the
 * hub starts), the MLLP listener and the file drop stopped ({@link IntakeShutdown}), then in-flight work finishes
 * (Camel, bounded by vardnav.shutdown-timeout); past vardnav.shutdown-deadline the JVM halts ({@link ShutdownDeadline}). README "Durability, restarts and shutdown".
 */
@Configuration(proxyBeanMethods = false)
public class DurabilityConfiguration {
    @Bean
    static BeanPostProcessor h2CommitDurability() {
        return new H2CommitDurability();
    }

    @Bean
    IntakeShutdown intakeShutdown(ObjectProvider<CamelContext> camel, @Value("${vardnav.shutdown-timeout}") long timeoutSeconds) {
        return new IntakeShutdown(camel, List.of(HubRoutes.JOURNAL_HL7_IN, HubRoutes.LETTER_DROP), timeoutSeconds);
    }

    /** The bound on the whole shutdown, connections included (a broker gone for good must not hold the hub). */
    @Bean
    ShutdownDeadline shutdownDeadline(@Value("${vardnav.shutdown-deadline}") java.time.Duration deadline) {
        ShutdownDeadline bound = new ShutdownDeadline(deadline);
        bound.arm();
        return bound;
    }

    /** Before every other filter (body limits, security): a hub starting or stopping reads nothing. */
    @Bean
    @ConditionalOnWebApplication
    FilterRegistrationBean<NotReadyFilter> notReadyFilter(ApplicationAvailability availability) {
        var registration = new FilterRegistrationBean<>(new NotReadyFilter(availability));
        registration.addUrlPatterns("/*");
        registration.setName("notReady");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }
}
