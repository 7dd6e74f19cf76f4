package se.vardnav.booking;

import ca.uhn.fhir.context.FhirContext;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.Resource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import se.vardnav.connector.platform.PlatformClient;
import se.vardnav.connector.register.CxfPopulationRegister;
import se.vardnav.connector.register.PopulationRegister;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;

/** Wires the booking flow's beans; the routes in routes/*.yaml refer to them by name. */
@Configuration(proxyBeanMethods = false)
public class BookingConfiguration {

    @Bean
    FhirContext fhirContext() {
        return FhirContext.forR4Cached();
    }

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    TimeTypeMap timeTypeMap(FhirContext fhir, @Value("${vardnav.mapping.time-types}") Resource conceptMap) throws IOException {
        return TimeTypeMap.read(fhir, conceptMap.getInputStream());
    }

    @Bean
    PopulationRegister populationRegister(@Value("${vardnav.register.url}") String url,
                                          @Value("${vardnav.register.connect-timeout}") Duration connect,
                                          @Value("${vardnav.register.receive-timeout}") Duration receive,
                                          @Value("${vardnav.register.cache-ttl}") Duration ttl) {
        return new CxfPopulationRegister(url, connect, receive, ttl);
    }

    @Bean
    PlatformClient platformClient(@Value("${vardnav.platform.base-url}") String baseUrl,
                                  @Value("${vardnav.platform.connect-timeout}") Duration connect,
                                  @Value("${vardnav.platform.socket-timeout}") Duration socket,
                                  @Value("${vardnav.platform.timeout-per-megabyte}") Duration perMegabyte) {
        return new PlatformClient(baseUrl, socket, connect, perMegabyte);
    }

    @Bean
    BookingPolicy bookingPolicy(TimeTypeMap timeTypes, PopulationRegister register) {
        return new BookingPolicy(timeTypes, register);
    }

    @Bean
    BookingLinks bookingLinks(JdbcTemplate jdbc, Clock clock) {
        return new BookingLinks(jdbc, clock);
    }

    /** Numbers booking events at both intakes (SIU, FHIR REST) before the sender is answered. */
    @Bean
    BookingVersions bookingVersions(JdbcTemplate jdbc, TransactionTemplate tx, FhirContext fhir, Clock clock,
                                    @Value("${vardnav.journal.event-time-tolerance}") Duration tolerance,
                                    @Value("${vardnav.journal.message-id-retention}") Duration retention) {
        return new BookingVersions(jdbc, tx, fhir, clock, tolerance, retention);
    }

    @Bean
    WithheldBookings withheldBookings(JdbcTemplate jdbc, MeterRegistry meters, Clock clock) {
        return new WithheldBookings(jdbc, meters, clock);
    }

    @Bean
    GroupRooms groupRooms(JdbcTemplate jdbc, TransactionTemplate tx, Clock clock, @Value("${vardnav.mapping.group-max-participants}") int max) {
        return new GroupRooms(jdbc, tx, clock, max);
    }

    @Bean
    BookingGate bookingGate(FhirContext fhir, BookingPolicy policy, WithheldBookings withheld, GroupRooms rooms, BookingLinks links) {
        return new BookingGate(fhir, policy, withheld, rooms, links);
    }

    @Bean
    PlatformDelivery platformDelivery(FhirContext fhir, BookingLinks links, PlatformClient platform, MeterRegistry meters) {
        return new PlatformDelivery(fhir, links, platform, meters);
    }
}
