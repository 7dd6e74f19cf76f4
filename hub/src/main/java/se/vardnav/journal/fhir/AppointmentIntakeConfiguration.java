package se.vardnav.journal.fhir;

import ca.uhn.fhir.context.FhirContext;
import org.apache.camel.ProducerTemplate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import se.vardnav.booking.BookingVersions;
import se.vardnav.booking.ClosedCaseRule;
import se.vardnav.booking.TextLimits;
import se.vardnav.journal.JournalProperties;

/** Bookings in as FHIR Appointments ({@code POST}/{@code PUT /fhir/Appointment}), served by the hub's /fhir endpoint. */
@Configuration(proxyBeanMethods = false)
public class AppointmentIntakeConfiguration {

    @Bean
    AppointmentIntakeProvider appointmentIntakeProvider(FhirContext fhir, ProducerTemplate producer, BookingVersions versions, TextLimits textLimits,
                                                        ClosedCaseRule closedCases, JournalProperties journal) {
        return new AppointmentIntakeProvider(fhir, producer, journal.fhir().intakeEndpoint(), new IncomingAppointmentRules(textLimits), versions,
                closedCases);
    }
}
