package se.vardnav.connector.journal.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.server.RestfulServer;
import org.apache.camel.ProducerTemplate;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

/** The hub's own FHIR R4 endpoint at /fhir (with /fhir/metadata): Appointments and chat messages in, Communications per booking out. */
@Configuration(proxyBeanMethods = false)
public class FhirServerConfiguration {

    @Bean
    ServletRegistrationBean<RestfulServer> fhirServlet(FhirContext fhir, ProducerTemplate producer, Clock clock,
                                                       se.vardnav.notification.SmsSends smsSends,
                                                       se.vardnav.notification.ChatNotices chatNotices,
                                                       @Value("${vardnav.journal.fhir.intake-endpoint:direct:fhir-appointment-in}") String intake) {
        RestfulServer server = new RestfulServer(fhir);
        server.setServerName("Vårdnav hub");
        server.registerProvider(new AppointmentIntakeProvider(fhir, producer, intake, new IncomingAppointmentRules(), clock));
        server.registerProvider(new se.vardnav.notification.CommunicationProvider(smsSends, chatNotices));
        ServletRegistrationBean<RestfulServer> registration = new ServletRegistrationBean<>(server, "/fhir/*");
        registration.setName("fhir");
        registration.setLoadOnStartup(1);
        return registration;
    }
}
