package se.vardnav.resync;

import ca.uhn.fhir.context.FhirContext;
import org.apache.camel.ProducerTemplate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import se.vardnav.booking.BookingPolicy;
import se.vardnav.booking.BookingVersions;
import se.vardnav.booking.ClosedCaseRule;
import se.vardnav.visit.VisitPlatform;

import java.time.Clock;

/** "Uppdatera nu": the journal's schedule over RIV-TA or HL7 SQM^S25, reconciled with the platform through the booking flow. */
@Configuration(proxyBeanMethods = false)
public class ResyncConfiguration {

    @Bean(destroyMethod = "close")
    JournalSchedule journalSchedule(ResyncProperties resync, ProducerTemplate producer, Clock clock) {
        return switch (resync.protocol()) {
            case RIV -> new RivSchedule(resync.scheduleUrl(), resync.connectTimeout(), resync.receiveTimeout());
            case HL7 -> new Hl7Schedule(producer, se.vardnav.broker.HubRoutes.JOURNAL_SCHEDULE_QUERY,
                    new Hl7ScheduleMessages(resync.hl7().receivingApplication(), resync.hl7().receivingFacility()), clock);
        };
    }

    @Bean
    BookingResync bookingResync(FhirContext fhir, JournalSchedule schedule, VisitPlatform platform, BookingPolicy policy, ClosedCaseRule closedCases,
                                BookingVersions versions, ProducerTemplate routes, JdbcTemplate jdbc, Clock clock, ResyncProperties resync) {
        // a resync's events go to the booking flow's queue through a route (one broker transaction, the queue's one writer)
        return new BookingResync(fhir, schedule, platform, policy, closedCases, versions,
                events -> routes.sendBody(se.vardnav.broker.HubRoutes.ENQUEUE_APPOINTMENTS_BATCH, events), jdbc, resync.source(),
                resync.defaultUnit(), clock);
    }

    @Bean
    ResyncOperation resyncOperation(FhirContext fhir, BookingResync resync) {
        return new ResyncOperation(fhir, resync);
    }
}
