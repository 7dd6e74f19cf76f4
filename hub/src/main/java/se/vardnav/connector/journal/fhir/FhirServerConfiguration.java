package se.vardnav.connector.journal.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.server.RestfulServer;
import org.apache.camel.ProducerTemplate;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import se.vardnav.booking.BookingVersions;
import se.vardnav.booking.TextLimits;
import se.vardnav.fhir.HubFhirProvider;

import java.util.ArrayList;
import java.util.List;

/** The hub's own FHIR R4 endpoint at /fhir (with /fhir/metadata): the providers of every concern. */
@Configuration(proxyBeanMethods = false)
public class FhirServerConfiguration {

    @Bean
    AppointmentIntakeProvider appointmentIntakeProvider(FhirContext fhir, ProducerTemplate producer, BookingVersions versions, TextLimits textLimits,
                                                        se.vardnav.connector.journal.JournalProperties journal) {
        return new AppointmentIntakeProvider(fhir, producer, journal.fhir().intakeEndpoint(), new IncomingAppointmentRules(textLimits), versions);
    }

    @Bean
    se.vardnav.fhir.ConformanceResources conformanceResources(FhirContext fhir, se.vardnav.fhir.FhirProperties props) {
        return se.vardnav.fhir.ConformanceResources.load(fhir, props.conformanceDir());
    }

    @Bean
    se.vardnav.fhir.ConformanceProvider conformanceProvider(se.vardnav.fhir.ConformanceResources resources) {
        return new se.vardnav.fhir.ConformanceProvider(resources);
    }

    /** Every {@link HubFhirProvider} bean of every concern is served here. */
    @Bean
    ServletRegistrationBean<RestfulServer> fhirServlet(FhirContext fhir, List<HubFhirProvider> providers) {
        RestfulServer server = new RestfulServer(fhir);
        server.setServerName("Vårdnav hub");
        server.registerProviders(new ArrayList<>(providers));
        ServletRegistrationBean<RestfulServer> registration = new ServletRegistrationBean<>(server, "/fhir/*");
        registration.setName("fhir");
        registration.setLoadOnStartup(1);
        return registration;
    }
}
