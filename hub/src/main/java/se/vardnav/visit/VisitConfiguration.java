package se.vardnav.visit;

import ca.uhn.fhir.context.FhirContext;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.ProducerTemplate;
import se.vardnav.config.QueueProperties;
import se.vardnav.journal.JournalProperties;
import se.vardnav.connector.platform.PlatformProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import se.vardnav.booking.PatientPrivacy;
import se.vardnav.broker.HubQueues;
import se.vardnav.connector.register.PopulationRegister;

import java.time.Clock;
import java.util.List;

/** Wires the visit flow (routes/visits.yaml): Encounters in, HL7 ADT/MDM out to the journal system. */
@Configuration(proxyBeanMethods = false)
public class VisitConfiguration {

    @Bean
    HubQueues visitQueues(QueueProperties queues) {
        return () -> List.of(queues.visit(), queues.journalVisit(), queues.staffSignal());
    }

    @Bean
    StaffSignals staffSignals(FhirContext fhir, JdbcTemplate jdbc, VisitPlatform platform, ProducerTemplate producer, Clock clock,
                              VisitProperties visit) {
        return new StaffSignals(fhir, jdbc, platform, producer, se.vardnav.broker.HubRoutes.ENQUEUE_STAFF_SIGNAL, visit.unitContacts(),
                visit.staffNotice().text(), visit.staffNotice().subject(), clock);
    }

    @Bean
    VisitVersions visitVersions(JdbcTemplate jdbc, org.springframework.transaction.support.TransactionTemplate tx, FhirContext fhir, Clock clock,
                                JournalProperties journal) {
        return new VisitVersions(jdbc, tx, fhir, clock, journal.eventTimeTolerance());
    }

    @Bean
    VisitIntake visitIntake(FhirContext fhir, ProducerTemplate producer, VisitVersions versions,
                            VisitProperties visit) {
        return new VisitIntake(fhir, producer, visit.intakeEndpoint(), versions);
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
    VisitJournal visitJournal(FhirContext fhir, JdbcTemplate jdbc, org.springframework.transaction.support.TransactionTemplate tx, VisitPrivacy privacy, Clock clock, MeterRegistry meters,
                              VisitProperties visit) {
        return new VisitJournal(fhir, jdbc, tx, privacy,
                new JournalVisitMessages(visit.journal().receivingApplication(), visit.journal().receivingFacility()), clock, meters);
    }

    @Bean
    VisitPlatform visitPlatform(PlatformProperties platform, se.vardnav.connector.platform.PlatformTokens tokens) {
        return new VisitPlatform(platform.baseUrl(), platform.socketTimeout(), platform.connectTimeout(), tokens);
    }

    @Bean
    PlatformSubscription platformSubscription(VisitPlatform platform, VisitIntake intake, Clock clock,
                                              VisitProperties visit) {
        VisitProperties.Subscription s = visit.subscription();
        return new PlatformSubscription(platform, intake, s.endpoint(), s.payload(), s.token(), clock, s.lookback(), s.overlap());
    }

    @Bean
    ClosedVisitCases closedVisitCases(JdbcTemplate jdbc) {
        return new ClosedVisitCases(jdbc);
    }

    @Bean
    JournalVisitSender journalVisitSender() {
        return new JournalVisitSender();
    }
}
