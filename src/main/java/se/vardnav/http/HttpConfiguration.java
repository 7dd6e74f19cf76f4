package se.vardnav.http;

import ca.uhn.fhir.context.FhirContext;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** What holds for every HTTP endpoint of the hub. */
@Configuration(proxyBeanMethods = false)
public class HttpConfiguration {

    /** First of all filters: a body over the limit is refused before any other filter (the letter one) reads it. */
    @Bean
    FilterRegistrationBean<BodyLimitFilter> bodyLimitFilter(BodyLimits limits, FhirContext fhir) {
        var registration = new FilterRegistrationBean<>(new BodyLimitFilter(limits, fhir));
        registration.addUrlPatterns("/*");
        registration.setName("bodyLimits");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }
}
