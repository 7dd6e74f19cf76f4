package se.vardnav.routes;

import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import se.vardnav.broker.HubHeaders;
import se.vardnav.broker.HubRoutes;
import se.vardnav.deadletter.DeadLetters;
import se.vardnav.letter.intake.LetterIntake;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Contracts of routes/letters-in.yaml (a stored letter's id -> hub.letter with its duplicate id; a dropped file that
 * is not a letter -> .error, nothing queued) and routes/letters.yaml (a letter the hub does not know, on hub.letter
 * or platform.letter, is dead-lettered with a reason, not retried).
 */
class LetterRoutesTest extends RouteContractTestBase {
    @Value("${vardnav.letter.intake-endpoint}")
    String intake;
    @Value("${vardnav.letter.drop-dir}")
    Path dropDir;

    @Test
    void aStoredLetterIsQueuedWithItsIdAndDuplicateId() throws Exception {
        String id = "L-" + UUID.randomUUID();
        MockEndpoint letters = queue("hub.letter");
        letters.expectedBodiesReceived(id);
        letters.expectedHeaderReceived(HubHeaders.LETTER_ID, id);
        letters.expectedHeaderReceived(HubHeaders.DUPLICATE_ID, "letter|" + id);

        producer.sendBodyAndHeaders(intake, id, Map.of(HubHeaders.LETTER_ID, id, HubHeaders.DUPLICATE_ID, "letter|" + id));

        letters.assertIsSatisfied();
    }

    @Test
    void aDroppedFileThatIsNotALetterGoesToErrorAndNothingIsQueued() throws Exception {
        MockEndpoint letters = queue("hub.letter");
        letters.expectedMessageCount(0);
        NotifyBuilder taken = done(HubRoutes.LETTER_DROP, 1);
        String name = "contract-" + UUID.randomUUID() + ".json";

        Files.writeString(dropDir.resolve(name), "{ not a letter");

        assertDone(taken);
        letters.assertIsSatisfied();
        assertThat(dropDir.resolve(".error").resolve(name)).exists();
    }

    @Test
    void anUnknownLetterOnEitherLetterQueueIsDeadLetteredWithAReason() throws Exception {
        MockEndpoint dlq = deadLetters();
        dlq.expectedMessageCount(2);
        dlq.expectedHeaderValuesReceivedInAnyOrder(HubHeaders.DEAD_LETTER_QUEUE, "DLQ.hub.letter", "DLQ.platform.letter");
        MockEndpoint platformLetters = queue("platform.letter");
        platformLetters.expectedMessageCount(0);
        dlq.setResultWaitTime(Duration.ofSeconds(20).toMillis());

        onQueue("hub.letter", "L-unknown-" + UUID.randomUUID(), Map.of());
        onQueue("platform.letter", "L-unknown-" + UUID.randomUUID(), Map.of());

        MockEndpoint.assertIsSatisfied(dlq, platformLetters);
        assertThat(dlq.getReceivedExchanges()).allSatisfy(e ->
                assertThat(e.getMessage().getHeader(HubHeaders.DEAD_LETTER_REASON, String.class)).isNotBlank());
    }
}
