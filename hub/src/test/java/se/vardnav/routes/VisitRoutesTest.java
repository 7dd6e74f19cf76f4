package se.vardnav.routes;

import se.vardnav.broker.HubHeaders;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;
import se.vardnav.broker.HubRoutes;
import se.vardnav.deadletter.DeadLetters;
import se.vardnav.resync.BookingResync;
import se.vardnav.sim.journal.JournalReceiver;
import se.vardnav.visit.VisitGroups;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Contract of routes/visits.yaml (and the resync's batch path in journal-in.yaml): the journal's ACK decides what
 * happens to a visit message, a staff signal and a resync's events each reach their queue through its one writer, a
 * schedule query comes back with the journal's answer.
 */
class VisitRoutesTest extends RouteContractTestBase {
    private static final String JOURNAL_VISIT = "journal.visit";

    private static String adt(String controlId) {
        return "MSH|^~\\&|VARDNAV|HUB|JOURNAL|REGION|20261130120000||ADT^A04^ADT_A01|" + controlId + "|P|2.5\r"
                + "EVN|A04|20261130120000\r"
                + "PID|1||191212121212^^^^PNR||Testsson^Test\r"
                + "PV1|1|O\r";
    }

    @Test
    void aVisitMessageTheJournalAcceptsIsDoneAndNotDeadLettered() {
        MockEndpoint dlq = deadLetters();
        dlq.expectedMessageCount(0);
        NotifyBuilder consumed = done(HubRoutes.VISIT_JOURNAL_DELIVERY, 1);
        String controlId = "V-" + UUID.randomUUID();

        onQueue(JOURNAL_VISIT, adt(controlId), Map.of(HubHeaders.JOURNAL_EVENT, "ADT^A04"));

        assertDone(consumed);
        assertThat(journalReceiver.accepted()).anyMatch(m -> m.contains(controlId));
        assertThat(dlq.getReceivedCounter()).isZero();
    }

    @Test
    void anApplicationErrorGoesToTheDeadLetterQueueWithTheJournalsReasonAndNoMessageContent() throws Exception {
        journalReceiver.answer(JournalReceiver.Mode.AE, "Okänd vårdkontakt");
        MockEndpoint dlq = deadLetters();
        dlq.expectedMessageCount(1);
        dlq.expectedHeaderReceived(HubHeaders.DEAD_LETTER_QUEUE, "DLQ." + JOURNAL_VISIT);
        NotifyBuilder consumed = done(HubRoutes.VISIT_JOURNAL_DELIVERY, 1);

        onQueue(JOURNAL_VISIT, adt("V-" + UUID.randomUUID()), Map.of(HubHeaders.JOURNAL_EVENT, "ADT^A04"));

        assertDone(consumed);
        dlq.assertIsSatisfied();
        String reason = dlq.getReceivedExchanges().get(0).getMessage().getHeader(HubHeaders.DEAD_LETTER_REASON, String.class);
        assertThat(reason).contains("AE").contains("ADT^A04").contains("Okänd vårdkontakt")
                .doesNotContain("191212121212").doesNotContain("Testsson");
    }

    @Test
    void aStaffSignalEntersItsQueueWithItsDuplicateId() throws Exception {
        MockEndpoint signals = queue("visit.signal");
        signals.expectedBodiesReceived("signal-1");
        signals.expectedHeaderReceived("_AMQ_DUPL_ID", "signal|signal-1");

        producer.sendBody(HubRoutes.ENQUEUE_STAFF_SIGNAL, "signal-1");

        signals.assertIsSatisfied();
    }

    @Test
    void aResyncsEventsGoToTheBookingQueueThroughItsOneWriterWithTheirHeaders() throws Exception {
        MockEndpoint appointments = queue("hub.appointment");
        appointments.expectedMessageCount(2);
        appointments.message(0).header("JMSXGroupID").isEqualTo("TAKECARE|B-1");
        appointments.message(1).header("JMSXGroupID").isEqualTo("TAKECARE|B-2");

        producer.sendBody(HubRoutes.ENQUEUE_APPOINTMENTS_BATCH, List.of(
                new BookingResync.Event("{\"a\":1}", Map.of("JMSXGroupID", "TAKECARE|B-1")),
                new BookingResync.Event("{\"b\":2}", Map.of("JMSXGroupID", "TAKECARE|B-2"))));

        appointments.assertIsSatisfied();
        assertThat(List.of(opened(appointments, 0), opened(appointments, 1))).containsExactly("{\"a\":1}", "{\"b\":2}");
    }

    @Test
    void aScheduleQueryComesBackWithTheJournalsAnswerAndARefusalAsAFailure() {
        String query = new se.vardnav.resync.Hl7ScheduleMessages("JOURNAL", "REGION").query("VNQ-ROUTE-1",
                se.vardnav.identity.PatientIdentity.classify("191212121212", "1.2.752.129.2.1.3.1"), "SE2321000016-NONE", java.time.Instant.now());
        var answered = producer.send(HubRoutes.JOURNAL_SCHEDULE_QUERY, org.apache.camel.ExchangePattern.InOut,
                e -> e.getMessage().setBody(query.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertThat(answered.getException()).isNull();
        assertThat(new String(answered.getMessage().getHeader(org.apache.camel.component.mllp.MllpConstants.MLLP_ACKNOWLEDGEMENT, byte[].class),
                java.nio.charset.StandardCharsets.UTF_8)).contains("SQR^S25").contains("MSA|AA|VNQ-ROUTE-1").contains("QAK|VNQ-ROUTE-1|NF");

        journalReceiver.answer(JournalReceiver.Mode.AE, "Okänd enhet");
        var refused = producer.send(HubRoutes.JOURNAL_SCHEDULE_QUERY, org.apache.camel.ExchangePattern.InOut,
                e -> e.getMessage().setBody(query.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertThat(refused.getException()).isInstanceOf(org.apache.camel.component.mllp.MllpApplicationErrorAcknowledgementException.class);
        assertThat(journalReceiver.accepted()).noneMatch(m -> m.contains("VNQ-ROUTE-1"));
    }
}
