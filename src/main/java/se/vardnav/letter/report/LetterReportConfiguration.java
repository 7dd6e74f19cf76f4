package se.vardnav.letter.report;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.ZoneId;

@Configuration(proxyBeanMethods = false)
public class LetterReportConfiguration {

    @Bean
    LetterReport letterReport(JdbcTemplate jdbc, @Value("${vardnav.letter.zone:${vardnav.notification.zone:Europe/Stockholm}}") ZoneId zone) {
        return new LetterReport(jdbc, zone);
    }
}
