package se.vardnav.atrest;

import se.vardnav.privacy.DataCipher;
import se.vardnav.privacy.DataKeyProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Personal data at rest: the keys, the cipher, the queue bodies' sealing, the retention purge. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({DataKeyProperties.class, RetentionProperties.class})
public class AtRestConfiguration {

    @Bean
    DataCipher dataCipher(DataKeyProperties keys) {
        return new DataCipher(keys);
    }

    @Bean
    Retention retention(org.springframework.jdbc.core.JdbcTemplate jdbc, se.vardnav.document.LetterDocuments documents,
                        java.time.Clock clock, RetentionProperties keep, se.vardnav.letter.LetterProperties letters) {
        return new Retention(jdbc, documents, clock, keep, java.nio.file.Path.of(letters.dropDir()));
    }

    @Bean
    QueuePayloads queuePayloads(DataCipher cipher) {
        return new QueuePayloads(cipher);
    }
}
