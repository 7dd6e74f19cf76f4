package se.vardnav.booking;

import ca.uhn.fhir.context.FhirContext;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import se.vardnav.config.Locations;
import org.springframework.transaction.support.TransactionTemplate;
import se.vardnav.connector.platform.PlatformClient;
import se.vardnav.connector.register.PopulationRegister;

import java.io.IOException;
import java.time.Clock;

/** Wires the booking flow's beans; the routes in routes/*.yaml refer to them by name. */
@Configuration(proxyBeanMethods = false)
public class BookingConfiguration {

    @Bean
    TimeTypeMap timeTypeMap(FhirContext fhir, MappingProperties mapping) throws IOException {
        try (var in = Locations.resource(mapping.timeTypes()).getInputStream()) {
            return TimeTypeMap.read(fhir, in);
        }
    }

    @Bean
    BookingPolicy bookingPolicy(TimeTypeMap timeTypes, PopulationRegister register) {
        return new BookingPolicy(timeTypes, register);
    }

    @Bean
    BookingLinks bookingLinks(JdbcTemplate jdbc, Clock clock) {
        return new BookingLinks(jdbc, clock);
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
    ClosedCaseRule closedCaseRule(ClosedCases cases, MeterRegistry meters) {
        return new ClosedCaseRule(cases, meters);
    }

    @Bean
    PlatformDelivery platformDelivery(FhirContext fhir, BookingLinks links, PlatformClient platform, MeterRegistry meters, TransactionTemplate tx) {
        return new PlatformDelivery(fhir, links, platform, meters, tx);
    }
}
