package se.vardnav.resync;

import ca.uhn.fhir.context.FhirContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import se.vardnav.booking.BookingPolicy;
import se.vardnav.booking.BookingVersions;
import se.vardnav.visit.VisitPlatform;

import java.time.Clock;

/** "Uppdatera nu": the journal's schedule over RIV-TA, reconciled with the platform through the booking flow. */
@Configuration(proxyBeanMethods = false)
public class ResyncConfiguration {

    @Bean(destroyMethod = "close")
    JournalSchedule journalSchedule(ResyncProperties resync) {
        return new JournalSchedule(resync.scheduleUrl(), resync.connectTimeout(), resync.receiveTimeout());
    }

    @Bean
    BookingResync bookingResync(FhirContext fhir, JournalSchedule schedule, VisitPlatform platform, BookingPolicy policy, BookingVersions versions,
                                org.apache.camel.ProducerTemplate routes, JdbcTemplate jdbc, Clock clock,
                                ResyncProperties resync) {
        // a resync's events go to the booking flow's queue through a route (one broker transaction, the queue's one writer)
        return new BookingResync(fhir, schedule, platform, policy, versions,
                events -> routes.sendBody(se.vardnav.broker.HubRoutes.ENQUEUE_APPOINTMENTS_BATCH, events), jdbc, resync.source(), resync.defaultUnit(), clock);
    }

    @Bean
    ResyncOperation resyncOperation(FhirContext fhir, BookingResync resync) {
        return new ResyncOperation(fhir, resync);
    }
}
