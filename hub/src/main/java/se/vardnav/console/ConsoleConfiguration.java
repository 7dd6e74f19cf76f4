package se.vardnav.console;

import se.vardnav.deadletter.DeadLetters;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.jms.ConnectionFactory;
import org.apache.camel.CamelContext;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.actuate.health.HealthContributorRegistry;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jms.core.JmsTemplate;
import se.vardnav.booking.WithheldBookings;
import se.vardnav.broker.BrokerProperties;
import se.vardnav.broker.EmbeddedBroker;
import se.vardnav.broker.HubQueues;
import se.vardnav.connector.mailbox.MailboxProperties;
import se.vardnav.deadletter.DeadLetterHistory;
import se.vardnav.console.deadletter.DeadLetterQueues;
import se.vardnav.console.health.ActivityNotifier;
import se.vardnav.console.health.BacklogGauges;
import se.vardnav.console.health.Overview;
import se.vardnav.console.health.PeerOutcomes;
import se.vardnav.console.health.QueueWatch;
import se.vardnav.console.health.RouteActivity;
import se.vardnav.console.health.RouteControl;
import se.vardnav.console.health.Topology;
import se.vardnav.console.journey.Journey;
import se.vardnav.console.print.PrintJobs;
import se.vardnav.console.print.PrintRowPatients;
import se.vardnav.letter.mailbox.MailboxLetterRoutes;
import se.vardnav.notification.SmsSends;
import se.vardnav.notification.email.EmailSends;

import java.time.Clock;
import java.util.List;

/** Dead letters, the peer record and the operations console's beans. */
@Configuration(proxyBeanMethods = false)
public class ConsoleConfiguration {

    /** The console's users and roles are the bearer token's (se.vardnav.security). */
    @Bean
    ConsoleAccess consoleAccess(se.vardnav.security.HubSecurityProperties props) {
        return new AuthenticatedConsoleAccess(props);
    }

    @Bean
    DeadLetterHistory deadLetterHistory(JdbcTemplate jdbc, Clock clock) {
        return new DeadLetterHistory(jdbc, clock);
    }

    @Bean
    DeadLetters deadLetters(Clock clock, DeadLetterHistory history) {
        return new DeadLetters(clock, history);
    }

    @Bean
    DeadLetterQueues deadLetterQueues(JmsTemplate jms, ConnectionFactory connectionFactory, BrokerProperties broker,
                                      ObjectProvider<HubQueues> contributed, Clock clock) {
        return new DeadLetterQueues(jms, connectionFactory, () -> HubQueues.all(broker, contributed), clock);
    }

    @Bean
    ConsoleAudit consoleAudit(JdbcTemplate jdbc, Clock clock) {
        return new ConsoleAudit(jdbc, clock);
    }

    /** The configured flows and peers, and one peer per mailbox operator (its own route and queue). */
    @Bean
    Topology consoleTopology(ConsoleProperties props, ObjectProvider<MailboxProperties> mailbox,
                             se.vardnav.config.QueueProperties queues) {
        String mailboxQueuePrefix = queues.mailboxPrefix();
        List<ConsoleProperties.Peer> operators = mailbox.stream().flatMap(m -> m.operators().stream())
                .map(o -> new ConsoleProperties.Peer("mailbox-" + o.id(), o.name() == null ? o.id() : o.name(),
                        List.of(MailboxLetterRoutes.ROUTE_PREFIX + o.id()), List.of(mailboxQueuePrefix + o.id()),
                        List.of("MailboxUnavailableException"), true, null))
                .toList();
        return Topology.of(props, operators);
    }

    @Bean
    RouteActivity routeActivity(Clock clock) {
        return new RouteActivity(clock);
    }

    @Bean
    PeerOutcomes peerOutcomes(Clock clock, MeterRegistry meters, Topology topology, ObjectProvider<HealthContributorRegistry> health) {
        // the health registry is looked up when first needed: it depends on Camel's health checks, and this bean is
        // needed while the CamelContext is made (its event notifier)
        PeerOutcomes outcomes = new PeerOutcomes(clock, meters, name -> {
            HealthContributorRegistry registry = health.getIfAvailable();
            return registry != null && registry.getContributor(name) instanceof HealthIndicator h ? h : null;
        });
        topology.peers().forEach(p -> outcomes.register(p.id(), p.health()));
        return outcomes;
    }

    @Bean
    ActivityNotifier consoleActivityNotifier(Topology topology, RouteActivity routes, PeerOutcomes peers) {
        return new ActivityNotifier(topology, routes, peers);
    }

    /** Camel picks event notifiers up from the registry; this makes sure of it whatever the order beans were made in. */
    @Bean
    SmartInitializingSingleton consoleActivityNotifierRegistration(CamelContext camel, ActivityNotifier notifier) {
        return () -> {
            if (!camel.getManagementStrategy().getEventNotifiers().contains(notifier)) {
                camel.getManagementStrategy().addEventNotifier(notifier);
            }
        };
    }

    @Bean
    QueueWatch queueWatch(JmsTemplate jms, ObjectProvider<EmbeddedBroker> broker) {
        return new QueueWatch(jms, broker);
    }

    @Bean
    Overview consoleOverview(Topology topology, RouteActivity routes, PeerOutcomes peers, QueueWatch queues, CamelContext camel,
                             Clock clock, ConsoleProperties props, DeadLetterQueues deadLetters) {
        return new Overview(topology, routes, peers, queues, camel, clock, props,
                () -> deadLetters.queues().stream().mapToLong(q -> Math.max(0, queues.depth(q))).sum());
    }

    @Bean
    RouteControl routeControl(CamelContext camel, RouteActivity routes) {
        return new RouteControl(camel, routes);
    }

    @Bean
    Journey journey(JdbcTemplate jdbc, WithheldBookings withheld, SmsSends sms, EmailSends email, DeadLetterHistory history,
                    DeadLetterQueues queues) {
        return new Journey(jdbc, withheld, sms, email, history, queues);
    }

    @Bean
    PrintRowPatients printRowPatients(JdbcTemplate jdbc, se.vardnav.privacy.DataCipher cipher) {
        return new PrintRowPatients(jdbc, cipher);
    }

    @Bean
    PrintJobs printJobs() {
        return new PrintJobs();
    }

    @Bean
    BacklogGauges backlogGauges(JdbcTemplate jdbc, Clock clock) {
        return new BacklogGauges(jdbc, clock);
    }
}
