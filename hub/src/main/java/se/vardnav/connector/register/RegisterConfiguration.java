package se.vardnav.connector.register;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The population register client (SOAP, GetPersonsForProfile), with its cache. */
@Configuration(proxyBeanMethods = false)
public class RegisterConfiguration {

    @Bean
    PopulationRegister populationRegister(RegisterProperties register) {
        return new CxfPopulationRegister(register.url(), register.connectTimeout(), register.receiveTimeout(), register.cacheTtl());
    }

}
