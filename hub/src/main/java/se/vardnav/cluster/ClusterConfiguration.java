package se.vardnav.cluster;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/** Claims for the timers, so that several hubs on one database do each timer's work once. */
@Configuration(proxyBeanMethods = false)
public class ClusterConfiguration {
    private static final Logger log = LoggerFactory.getLogger(ClusterConfiguration.class);

    @Bean
    RowClaims rowClaims(JdbcTemplate jdbc, ClusterProperties cluster) {
        log.info("Timers claim their work as instance {} (claims taken over after {})", cluster.instanceName(), cluster.claimLease());
        return new RowClaims(jdbc, cluster.instanceName(), cluster.claimLease());
    }
}
