package se.vardnav.audit;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import se.vardnav.security.HubSecurityProperties;

import java.time.Clock;

/** The PDL audit log: its key, writer and reader. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AuditProperties.class)
public class AuditConfiguration {

    @Bean
    PatientKeys auditPatientKeys(AuditProperties props) {
        return new PatientKeys(props.patientKey());
    }

    @Bean
    AccessLog accessLog(JdbcTemplate jdbc, Clock clock, PatientKeys keys, HubSecurityProperties security,
                        se.vardnav.privacy.DataCipher cipher) {
        return new AccessLog(jdbc, clock, keys, security.purposeClaim(), cipher);
    }

    @Bean
    AuditTrail auditTrail(JdbcTemplate jdbc) {
        return new AuditTrail(jdbc);
    }
}
