package se.vardnav.booking;

import ca.uhn.fhir.context.FhirContext;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import se.vardnav.config.Locations;
import se.vardnav.connector.journal.JournalProperties;
import org.springframework.transaction.support.TransactionTemplate;
import se.vardnav.connector.platform.PlatformClient;
import se.vardnav.connector.platform.PlatformProperties;
import se.vardnav.connector.platform.PlatformTokens;
import se.vardnav.connector.register.RegisterProperties;
import se.vardnav.connector.register.CxfPopulationRegister;
import se.vardnav.connector.register.PopulationRegister;

import java.io.IOException;
import java.time.Clock;

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
    TimeTypeMap timeTypeMap(FhirContext fhir, MappingProperties mapping) throws IOException {
        try (var in = Locations.resource(mapping.timeTypes()).getInputStream()) {
            return TimeTypeMap.read(fhir, in);
        }
    }

    @Bean
    PopulationRegister populationRegister(RegisterProperties register) {
        return new CxfPopulationRegister(register.url(), register.connectTimeout(), register.receiveTimeout(), register.cacheTtl());
    }

    /** The hub's access token for the visit platform, one for every client of it (system clock: tokens expire in real time). */
    @Bean
    PlatformTokens platformTokens(PlatformProperties platform) {
        return PlatformTokens.of(platform.auth(), platform.connectTimeout(), platform.socketTimeout(), Clock.systemUTC());
    }

    @Bean
    PlatformClient platformClient(PlatformProperties platform, PlatformTokens tokens) {
        return new PlatformClient(platform.baseUrl(), platform.socketTimeout(), platform.connectTimeout(), platform.timeoutPerMegabyte(), tokens);
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
                                    JournalProperties journal) {
        return new BookingVersions(jdbc, tx, fhir, clock, journal.eventTimeTolerance(), journal.messageIdRetention());
    }

    @Bean
    WithheldBookings withheldBookings(JdbcTemplate jdbc, MeterRegistry meters, Clock clock) {
        return new WithheldBookings(jdbc, meters, clock);
    }

    @Bean
    GroupRooms groupRooms(JdbcTemplate jdbc, TransactionTemplate tx, Clock clock, MappingProperties mapping) {
        return new GroupRooms(jdbc, tx, clock, mapping.groupMaxParticipants());
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
