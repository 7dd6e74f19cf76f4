package se.vardnav.letter;

import se.vardnav.document.LetterDocuments;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import se.vardnav.letter.print.PrintList;

import java.nio.file.Path;
import java.time.Clock;

/** State shared by the letter flow, the mailbox connectors and the print list. */
@Configuration(proxyBeanMethods = false)
public class LetterConfiguration {

    @Bean
    LetterDocuments letterDocuments(LetterProperties letter, se.vardnav.privacy.DataCipher cipher) {
        return new LetterDocuments(Path.of(letter.documentsDir()), cipher);
    }

    @Bean
    PrintList printList(JdbcTemplate jdbc, Clock clock) {
        return new PrintList(jdbc, clock);
    }
}
