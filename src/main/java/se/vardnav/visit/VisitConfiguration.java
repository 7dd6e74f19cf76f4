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
    HubQueues visitQueues(@Value("${vardnav.queue.visit}") String visit, @Value("${vardnav.queue.journal-visit}") String journal,
                          @Value("${vardnav.queue.staff-signal}") String signal) {
        return () -> List.of(visit, journal, signal);
    }

    @Bean
    StaffSignals staffSignals(FhirContext fhir, JdbcTemplate jdbc, VisitPlatform platform, ProducerTemplate producer, Clock clock,
                              org.springframework.core.env.Environment env,
                              @Value("${vardnav.visit.staff-notice.text}") String text,
                              @Value("${vardnav.visit.staff-notice.subject}") String subject) {
        List<UnitContact> contacts = org.springframework.boot.context.properties.bind.Binder.get(env)
                .bind("vardnav.visit.unit-contacts", org.springframework.boot.context.properties.bind.Bindable.listOf(UnitContact.class))
                .orElse(List.of());
        return new StaffSignals(fhir, jdbc, platform, producer, se.vardnav.broker.HubRoutes.ENQUEUE_STAFF_SIGNAL, contacts, text, subject, clock);
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
    VisitPlatform visitPlatform(@Value("${vardnav.platform.base-url}") String baseUrl,
                                @Value("${vardnav.platform.connect-timeout}") Duration connect,
                                @Value("${vardnav.platform.socket-timeout}") Duration socket) {
        return new VisitPlatform(baseUrl, socket, connect);
    }

    @Bean
    PlatformSubscription platformSubscription(VisitPlatform platform, VisitIntake intake, Clock clock,
                                              @Value("${vardnav.visit.subscription.endpoint}") String endpoint,
                                              @Value("${vardnav.visit.subscription.payload:}") String payload,
                                              @Value("${vardnav.visit.subscription.token}") String token,
                                              @Value("${vardnav.visit.subscription.lookback}") Duration lookback,
                                              @Value("${vardnav.visit.subscription.overlap}") Duration overlap) {
        return new PlatformSubscription(platform, intake, endpoint, payload, token, clock, lookback, overlap);
    }

    @Bean
    JournalVisitSender journalVisitSender() {
        return new JournalVisitSender();
    }
}
