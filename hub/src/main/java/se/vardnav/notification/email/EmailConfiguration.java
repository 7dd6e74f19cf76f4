package se.vardnav.notification.email;

import ca.uhn.fhir.context.FhirContext;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Clock;

/** E-mail through the region's SMTP server (camel-mail): {@code notify.email} → SMTP, once per business key. */
@Configuration(proxyBeanMethods = false)
public class EmailConfiguration {

    @Bean
    EmailSends emailSends(JdbcTemplate jdbc, Clock clock) {
        return new EmailSends(jdbc, clock);
    }

    @Bean
    EmailDispatch emailDispatch(FhirContext fhir, EmailSends sends, MeterRegistry meters) {
        return new EmailDispatch(fhir, sends, meters);
    }

    @Bean
    EmailCommunications emailCommunications(EmailSends sends) {
        return new EmailCommunications(sends);
    }
}
