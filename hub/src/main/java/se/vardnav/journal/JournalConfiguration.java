package se.vardnav.journal;

import java.time.Clock;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import ca.uhn.fhir.context.FhirContext;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import se.vardnav.booking.BookingVersions;
import se.vardnav.booking.SiuParser;
import se.vardnav.booking.TextLimits;
import se.vardnav.booking.ClosedCaseRule;
import se.vardnav.journal.mllp.GuardedMllpComponent;
import se.vardnav.journal.mllp.JournalMllpClientComponent;
import se.vardnav.journal.mllp.JournalMllpProperties;
import se.vardnav.journal.mllp.JournalOutboundProperties;
import se.vardnav.journal.mllp.MllpConnections;
import se.vardnav.journal.mllp.MllpSaturationHealth;
import se.vardnav.config.QueueProperties;
import se.vardnav.deadletter.DeadLetters;

@Configuration(proxyBeanMethods = false)
public class JournalConfiguration {

    /** Numbers booking events at both intakes (SIU, FHIR REST) before the sender is answered. */
    @Bean
    BookingVersions bookingVersions(JdbcTemplate jdbc, TransactionTemplate tx, FhirContext fhir, Clock clock,
                                    JournalProperties journal) {
        return new BookingVersions(jdbc, tx, fhir, clock, journal.eventTimeTolerance(), journal.messageIdRetention());
    }

    @Bean
    SiuIntake siuIntake(FhirContext fhir, DeadLetters deadLetters, QueueProperties queues,
                        BookingVersions versions, JournalMllpProperties mllp, TextLimits textLimits, ClosedCaseRule closedCases) {
        return new SiuIntake(fhir, new SiuParser(), deadLetters, queues.journalInbound(), versions, new Hl7TextDecoder(mllp.charsetBySender()),
                textLimits, closedCases);
    }

    @Bean
    MllpConnections mllpConnections(JournalMllpProperties mllp, MeterRegistry meters) {
        return new MllpConnections(mllp.maxConnections(), mllp.maxConnectionsPerPeer(), meters);
    }

    /** The MLLP listener of routes/journal-in.yaml ({@code journal-mllp:host:port}). */
    @Bean("journal-mllp")
    GuardedMllpComponent journalMllp(MllpConnections connections, JournalMllpProperties mllp) {
        return new GuardedMllpComponent(connections, new MllpEdgeAcks(), mllp);
    }

    /**
     * The MLLP producer towards the journal system ({@code journal-mllp-out:host:port}: vardnav.visit.journal.endpoint,
     * vardnav.resync.hl7.endpoint), over TLS with the hub's client certificate unless plain MLLP is allowed.
     */
    @Bean("journal-mllp-out")
    JournalMllpClientComponent journalMllpOut(JournalOutboundProperties outbound) {
        return new JournalMllpClientComponent(outbound);
    }

    /** Health component {@code journalMllp}, part of readiness. */
    @Bean
    MllpSaturationHealth journalMllpHealthIndicator(MllpConnections connections) {
        return new MllpSaturationHealth(connections);
    }
}
