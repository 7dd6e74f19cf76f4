package se.vardnav.routes;

import org.apache.camel.Exchange;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;
import se.vardnav.broker.HubHeaders;
import se.vardnav.deadletter.DeadLetters;
import se.vardnav.notification.NoticeEncoding;
import se.vardnav.notification.SmsRequest;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Contract of routes/errors.yaml: a permanent failure goes to DLQ.&lt;queue&gt; at once; a transient peer failure is
 * retried (here once, as this context allows) before it does; the dead letter keeps its trace id across replays and
 * loses its duplicate id (the broker would drop a second dead letter of the same message).
 */
class ErrorRoutesTest extends RouteContractTestBase {
    @org.springframework.beans.factory.annotation.Autowired
    NoticeEncoding encoding;

    @Test
    void aPermanentFailureIsDeadLetteredOnceKeepingItsTraceAndLosingItsDuplicateId() throws Exception {
        MockEndpoint dlq = deadLetters();
        dlq.expectedMessageCount(1);
        dlq.expectedHeaderReceived(HubHeaders.DEAD_LETTER_QUEUE, "DLQ.notify.sms");
        dlq.expectedHeaderReceived(HubHeaders.DEAD_LETTER_ORIGIN, "notify.sms");
        dlq.expectedHeaderReceived(HubHeaders.TRACE, "trace-contract-1");

        onQueue("notify.sms", "{}", Map.of(HubHeaders.TRACE, "trace-contract-1", HubHeaders.DUPLICATE_ID, "dup-contract-1"));

        dlq.assertIsSatisfied();
        Exchange dead = dlq.getReceivedExchanges().get(0);
        assertThat(dead.getMessage().getHeader(HubHeaders.DUPLICATE_ID)).isNull();
        assertThat(dead.getMessage().getHeader(HubHeaders.DEAD_LETTER_AT, String.class)).isNotBlank();
    }

    @Test
    void aPeerThatIsDownIsRetriedBeforeTheMessageIsDeadLettered() throws Exception {
        smsGateway.goDown();
        MockEndpoint dlq = deadLetters();
        dlq.expectedMessageCount(1);
        dlq.expectedHeaderReceived(HubHeaders.DEAD_LETTER_QUEUE, "DLQ.notify.sms");
        dlq.setResultWaitTime(Duration.ofSeconds(30).toMillis());
        SmsRequest sms = new SmsRequest("contract|" + java.util.UUID.randomUUID() + "|booking-changed", "+46701110003", "Din tid är ändrad.");

        onQueue("notify.sms", encoding.encode(sms), Map.of());

        dlq.assertIsSatisfied();
        assertThat(dlq.getReceivedExchanges().get(0).getMessage().getHeader(HubHeaders.DEAD_LETTER_REASON, String.class)).contains("SmsTransientException");
        assertThat(smsGateway.received()).isEmpty();
    }
}
