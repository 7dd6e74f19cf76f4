package se.vardnav.visit;

import ca.uhn.fhir.context.FhirContext;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.ProducerTemplate;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import se.vardnav.booking.PatientPrivacy;
import se.vardnav.broker.HubQueues;
import se.vardnav.connector.register.PopulationRegister;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

/** Wires the visit flow (routes/visits.yaml): Encounters in, HL7 ADT/MDM out to the journal system. */
@Configuration(proxyBeanMethods = false)
public class VisitConfiguration {

    @Bean
    HubQueues visitQueues(@Value("${vardnav.queue.visit}") String visit, @Value("${vardnav.queue.journal-visit}") String journal) {
        return () -> List.of(visit, journal);
    }

    @Bean
    VisitVersions visitVersions(JdbcTemplate jdbc, FhirContext fhir, Clock clock,
                                @Value("${vardnav.journal.event-time-tolerance}") Duration tolerance) {
        return new VisitVersions(jdbc, fhir, clock, tolerance);
    }

    @Bean
    VisitIntake visitIntake(FhirContext fhir, ProducerTemplate producer, VisitVersions versions,
                            @Value("${vardnav.visit.intake-endpoint}") String endpoint) {
        return new VisitIntake(fhir, producer, endpoint, versions);
    }

    @Bean
    EncounterProvider encounterProvider(FhirContext fhir, VisitIntake intake) {
        return new EncounterProvider(fhir, intake);
    }

    @Bean
    VisitPrivacy visitPrivacy(PopulationRegister register) {
        return new VisitPrivacy(new PatientPrivacy(register));
    }

    @Bean
    VisitJournal visitJournal(FhirContext fhir, JdbcTemplate jdbc, VisitPrivacy privacy, Clock clock, MeterRegistry meters,
                              @Value("${vardnav.visit.journal.receiving-application}") String app,
                              @Value("${vardnav.visit.journal.receiving-facility}") String facility) {
        return new VisitJournal(fhir, jdbc, privacy, new JournalVisitMessages(app, facility), clock, meters);
    }

    @Bean
    JournalVisitSender journalVisitSender(ProducerTemplate producer, @Value("${vardnav.visit.journal.endpoint}") String endpoint) {
        return new JournalVisitSender(producer, endpoint);
    }
}
