package se.vardnav.letter.report;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

import se.vardnav.letter.LetterProperties;
import se.vardnav.notification.NotificationProperties;

@Configuration(proxyBeanMethods = false)
public class LetterReportConfiguration {

    /** The region's time zone: the letter flow's own if set, else the notification flow's; the audit log counts days in it. */
    @Bean(se.vardnav.audit.AuditController.REGION_ZONE)
    java.time.ZoneId regionZone(LetterProperties letter, NotificationProperties notification) {
        return letter.zoneOr(notification.zone());
    }

    @Bean
    LetterReport letterReport(JdbcTemplate jdbc, LetterProperties letter, NotificationProperties notification,
                              se.vardnav.privacy.DataCipher cipher) {
        return new LetterReport(jdbc, letter.zoneOr(notification.zone()), cipher);
    }
}
