package se.vardnav.letter;

import se.vardnav.document.LetterDocuments;
import ca.uhn.fhir.context.FhirContext;
import org.apache.camel.ProducerTemplate;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import se.vardnav.booking.MappingProperties;
import org.springframework.transaction.support.TransactionTemplate;
import se.vardnav.booking.PatientPrivacy;
import se.vardnav.config.Locations;
import se.vardnav.config.QueueProperties;
import se.vardnav.connector.mailbox.MailboxDirectory;
import se.vardnav.connector.mailbox.MailboxOperators;
import se.vardnav.connector.platform.PlatformClient;
import se.vardnav.connector.register.PopulationRegister;
import se.vardnav.letter.intake.ControlCodes;
import se.vardnav.letter.intake.LetterDrop;
import se.vardnav.letter.intake.LetterDropLocks;
import se.vardnav.letter.intake.LetterIntake;
import se.vardnav.letter.intake.LetterRequestMapper;
import se.vardnav.letter.intake.LetterRequestProvider;
import se.vardnav.letter.intake.StreamedLetterBody;
import se.vardnav.letter.mailbox.MailboxLetterDelivery;
import se.vardnav.letter.mailbox.MailboxLetterRoutes;
import se.vardnav.letter.platform.LetterReceipts;
import se.vardnav.letter.platform.PlatformLetterDelivery;
import se.vardnav.letter.print.PrintList;
import se.vardnav.letter.routing.LetterRouter;
import se.vardnav.notification.NotificationProperties;
import se.vardnav.notification.SmsTemplates;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;

/** The letter flow's beans (intake, routing, platform and mailbox legs, 48-hour timer); routes/letters*.yaml use them by name. */
@Configuration(proxyBeanMethods = false)
public class LetterFlowConfiguration {

    @Bean
    Letters letters(JdbcTemplate jdbc, TransactionTemplate tx, Clock clock, se.vardnav.privacy.DataCipher cipher) {
        return new Letters(jdbc, tx, clock, cipher);
    }

    @Bean
    ControlCodes controlCodes(FhirContext fhir, MappingProperties mapping) throws IOException {
        try (var in = Locations.resource(mapping.letterControlCodes()).getInputStream()) {
            return ControlCodes.read(fhir, in);
        }
    }

    @Bean
    LetterIntake letterIntake(LetterDocuments documents, Letters letters, ControlCodes codes, ProducerTemplate producer,
                              LetterProperties letter) {
        return new LetterIntake(documents, letters, codes, producer, letter.intakeEndpoint());
    }

    @Bean
    LetterRequestProvider letterRequestProvider(FhirContext fhir, LetterIntake intake) {
        return new LetterRequestProvider(fhir, intake);
    }

    /** JSON letters' PDFs go from the request body to the document store without passing through the heap. */
    @Bean
    FilterRegistrationBean<StreamedLetterBody> streamedLetterBody(FhirContext fhir, LetterDocuments documents) {
        var registration = new FilterRegistrationBean<>(new StreamedLetterBody(fhir, documents, LetterRequestMapper.MAX_ATTACHMENT_BYTES));
        registration.addUrlPatterns("/fhir/CommunicationRequest");
        registration.setName("streamedLetterBody");
        return registration;
    }

    /** Which of several hubs reading one drop folder takes a file (routes/letters-in.yaml, readLock=idempotent). */
    @Bean
    LetterDropLocks letterDropLocks(javax.sql.DataSource dataSource, org.apache.camel.CamelContext camel, se.vardnav.cluster.ClusterProperties cluster) {
        return new LetterDropLocks(dataSource, camel, cluster.claimLease());
    }

    @Bean
    LetterDrop letterDrop(LetterIntake intake, LetterDocuments documents) {
        return new LetterDrop(intake, documents);
    }

    /** One minute: routing and the platform leg are seconds apart unless the platform is down (then ask again). */
    @Bean
    AccountHandover accountHandover() {
        return new AccountHandover(Duration.ofMinutes(1));
    }

    @Bean
    LetterRouter letterRouter(Letters letters, PrintList printList, PopulationRegister register, PlatformClient platform,
                              ObjectProvider<MailboxDirectory> directory, ObjectProvider<MailboxOperators> operators,
                              QueueProperties queues, TransactionTemplate tx, Clock clock,
                              NotificationProperties notification, AccountHandover handover) {
        return new LetterRouter(letters, printList, new PatientPrivacy(register), platform, directory.getIfAvailable(),
                operators.getIfAvailable(), queues.mailboxPrefix(), tx, clock, notification.zone(), handover);
    }

    @Bean
    LetterEscalations letterEscalations(JdbcTemplate jdbc, Letters letters, PrintList printList, Clock clock,
                                        LetterProperties letter, se.vardnav.cluster.RowClaims claims) {
        return new LetterEscalations(jdbc, letters, printList, clock, letter.unreadEscalation(), claims);
    }

    @Bean
    PlatformLetterDelivery platformLetterDelivery(Letters letters, LetterDocuments documents, PlatformClient platform,
                                                  LetterEscalations escalations, PrintList printList,
                                                  FhirContext fhir, Clock clock, AccountHandover handover, SmsTemplates templates,
                                                  LetterProperties letter) {
        return new PlatformLetterDelivery(letters, documents, platform, escalations, printList, templates, fhir, clock, handover,
                new se.vardnav.letter.platform.LetterRetryCap(letter.platformMaxAttempts()));
    }

    @Bean
    LetterReceipts letterReceipts(Letters letters, Clock clock) {
        return new LetterReceipts(letters, clock);
    }

    @Bean
    MailboxLetterDelivery mailboxLetterDelivery(Letters letters, ObjectProvider<MailboxOperators> operators, PrintList printList, Clock clock) {
        MailboxOperators configured = operators.getIfAvailable();
        return new MailboxLetterDelivery(letters, configured, printList, clock);
    }

    /** Each operator's queue is created with its DLQ and depth gauge like the fixed ones. */
    @Bean
    se.vardnav.broker.HubQueues mailboxQueues(ObjectProvider<MailboxOperators> operators, QueueProperties queues) {
        String prefix = queues.mailboxPrefix();
        return () -> {
            MailboxOperators configured = operators.getIfAvailable();
            return configured == null ? java.util.List.of() : configured.ids().stream().map(prefix::concat).toList();
        };
    }

    /** One consumer route per mailbox operator; none when no mailbox connector is configured. */
    @Bean
    MailboxLetterRoutes mailboxLetterRoutes(ObjectProvider<MailboxOperators> operators,
                                            QueueProperties queues, LetterProperties letter) {
        MailboxOperators configured = operators.getIfAvailable();
        return new MailboxLetterRoutes(configured == null ? new NoOperators() : configured, queues.mailboxPrefix(),
                letter.mailboxConsumers());
    }

    private static final class NoOperators implements MailboxOperators {
        @Override
        public java.util.Optional<se.vardnav.connector.mailbox.MailboxOperator> byId(String operatorId) {
            return java.util.Optional.empty();
        }

        @Override
        public java.util.List<String> ids() {
            return java.util.List.of();
        }
    }
}
