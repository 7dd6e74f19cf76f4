package se.vardnav.letter.report;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

import se.vardnav.letter.LetterProperties;
import se.vardnav.notification.NotificationProperties;

@Configuration(proxyBeanMethods = false)
public class LetterReportConfiguration {

    @Bean
    LetterReport letterReport(JdbcTemplate jdbc, LetterProperties letter, NotificationProperties notification,
                              se.vardnav.privacy.DataCipher cipher) {
        return new LetterReport(jdbc, letter.zoneOr(notification.zone()), cipher);
    }
}
