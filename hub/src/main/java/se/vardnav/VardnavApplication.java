package se.vardnav;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The hub: one Spring Boot application hosting the Camel routes, the broker (embedded by default) and the FHIR endpoint. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class VardnavApplication {
    public static void main(String[] args) {
        SpringApplication.run(VardnavApplication.class, args);
    }
}
