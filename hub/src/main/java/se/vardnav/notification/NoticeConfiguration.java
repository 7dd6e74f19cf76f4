package se.vardnav.notification;

import ca.uhn.fhir.context.FhirContext;
import org.apache.camel.ProducerTemplate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.io.IOException;

/** What every notice path shares: the region's SMS texts (read once), the queue encoding, the way in to the notify route. */
@Configuration(proxyBeanMethods = false)
public class NoticeConfiguration {

    @Bean
    SmsTemplates smsTemplates(NotificationProperties notification) throws IOException {
        return notification.smsTemplates();
    }

    @Bean
    NoticeEncoding noticeEncoding(FhirContext fhir) {
        return new NoticeEncoding(fhir);
    }

    @Bean
    NoticeQueue noticeQueue(ProducerTemplate routes) {
        return new NoticeQueue(routes);
    }
}
