package se.vardnav.notification;

import ca.uhn.fhir.context.FhirContext;
import org.apache.camel.ProducerTemplate;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.Resource;

import java.io.IOException;
import java.io.InputStream;

/** What every notice path shares: the region's SMS texts (read once), the queue encoding, the way in to the notify route. */
@Configuration(proxyBeanMethods = false)
public class NoticeConfiguration {

    @Bean
    SmsTemplates smsTemplates(@Value("${vardnav.notification.templates}") Resource templates) throws IOException {
        try (InputStream in = templates.getInputStream()) {
            return new SmsTemplates(in);
        }
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
