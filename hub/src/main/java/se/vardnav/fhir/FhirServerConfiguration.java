package se.vardnav.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.server.RestfulServer;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;


import java.util.ArrayList;
import java.util.List;

/** The hub's own FHIR R4 endpoint at /fhir (with /fhir/metadata): the providers of every concern, and the FHIR context. */
@Configuration(proxyBeanMethods = false)
public class FhirServerConfiguration {

    /** One FHIR R4 context for the whole hub: it is costly to build and safe to share. */
    @Bean
    FhirContext fhirContext() {
        return FhirContext.forR4Cached();
    }

    @Bean
    ConformanceResources conformanceResources(FhirContext fhir, FhirProperties props) {
        return ConformanceResources.load(fhir, props.conformanceDir());
    }

    @Bean
    ConformanceProvider conformanceProvider(ConformanceResources resources) {
        return new ConformanceProvider(resources);
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
