package se.vardnav.http;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.core.StreamReadConstraints;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** What holds for every HTTP endpoint of the hub. */
@Configuration(proxyBeanMethods = false)
public class HttpConfiguration {

    /**
     * JSON bodies of the admin and console APIs are flat: nesting past this is refused with 400 as the parser meets
     * it (Jackson's own default, 1000, still bounds /fhir, whose parser HAPI configures itself).
     */
    @Bean
    Jackson2ObjectMapperBuilderCustomizer jsonNestingLimit(JsonLimits limits) {
        return builder -> builder.postConfigurer(mapper -> mapper.getFactory()
                .setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(limits.jsonMaxDepth()).build()));
    }

    /**
     * First of all filters but the shutdown's 503 (durability.NotReadyFilter): a body over the limit is refused before
     * any other filter (the letter one) reads it.
     */
    @Bean
    FilterRegistrationBean<BodyLimitFilter> bodyLimitFilter(BodyLimits limits, FhirContext fhir) {
        var registration = new FilterRegistrationBean<>(new BodyLimitFilter(limits, fhir));
        registration.addUrlPatterns("/*");
        registration.setName("bodyLimits");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        return registration;
    }
}
