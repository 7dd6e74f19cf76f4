package se.vardnav.letter.print;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import se.vardnav.audit.AccessLog;
import se.vardnav.document.LetterDocuments;

import java.time.Clock;

/** The print list's admin side: reading, actions, print jobs, and the backlog gauge. */
@Configuration(proxyBeanMethods = false)
public class PrintListConfiguration {

    @Bean
    PrintListView printListView(JdbcTemplate jdbc, se.vardnav.privacy.DataCipher cipher) {
        return new PrintListView(jdbc, cipher);
    }

    @Bean
    PrintActions printActions(JdbcTemplate jdbc, TransactionTemplate transactions, Clock clock, PrintListView view,
                              LetterDocuments documents, AccessLog audit) {
        return new PrintActions(jdbc, transactions, clock, view, new PdfMerger(documents), audit);
    }

    /** {@code vardnav.print_list.todo{type}}: rows waiting to be handled per type, read at each scrape. */
    @Bean
    MeterBinder printListTodoGauges(PrintList printList) {
        return registry -> {
            for (PrintType type : PrintType.values()) {
                Gauge.builder("vardnav.print_list.todo", printList, list -> list.todoCount(type))
                        .tag("type", type.name())
                        .description("print list rows to handle (Att åtgärda)")
                        .register(registry);
            }
        };
    }
}
