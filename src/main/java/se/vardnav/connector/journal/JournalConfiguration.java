package se.vardnav.connector.journal;

import ca.uhn.fhir.context.FhirContext;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import se.vardnav.booking.BookingVersions;
import se.vardnav.booking.SiuParser;
import se.vardnav.console.DeadLetters;

@Configuration(proxyBeanMethods = false)
public class JournalConfiguration {

    @Bean
    SiuIntake siuIntake(FhirContext fhir, DeadLetters deadLetters, @Value("${vardnav.queue.journal-inbound}") String replayQueue,
                        BookingVersions versions) {
        return new SiuIntake(fhir, new SiuParser(), deadLetters, replayQueue, versions);
    }
}
