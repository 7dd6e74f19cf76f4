package se.vardnav.broker;

import jakarta.jms.ConnectionFactory;
import org.apache.camel.spring.spi.SpringTransactionPolicy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jms.connection.JmsTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The transactions routes name in a {@code transacted} step (always by ref: there are two kinds). Beans that need
 * a database transaction of their own take Spring Boot's one {@code TransactionTemplate}.
 */
@Configuration(proxyBeanMethods = false)
public class RouteTransactions {

    /** A database transaction around the rest of the route: what it queues meanwhile is on the broker before the commit. */
    @Bean
    SpringTransactionPolicy databaseTransaction(PlatformTransactionManager transactions) {
        SpringTransactionPolicy policy = new SpringTransactionPolicy(transactions);
        policy.setPropagationBehaviorName("PROPAGATION_REQUIRED");
        return policy;
    }

    /**
     * One broker transaction for many sends (notify-sms-batch): one commit, one journal sync. Not a
     * PlatformTransactionManager bean of its own, so the database one stays the application's only one.
     */
    @Bean
    SpringTransactionPolicy brokerBatchTransaction(ConnectionFactory connectionFactory) {
        SpringTransactionPolicy policy = new SpringTransactionPolicy(new JmsTransactionManager(connectionFactory));
        policy.setPropagationBehaviorName("PROPAGATION_REQUIRES_NEW");
        return policy;
    }
}
