package se.vardnav.routes;

import org.apache.camel.model.ChoiceDefinition;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.model.ProcessorDefinition;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.SendDefinition;
import org.apache.camel.model.ToDynamicDefinition;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import se.vardnav.broker.BrokerProperties;
import se.vardnav.broker.HubQueues;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each hub queue has exactly one route that writes to it (read from the running CamelContext: the YAML routes and
 * the Java ones), and no Java class of the hub sends to a queue itself. So a queue's encoding and duplicate id stay
 * in one place, and a new writer has to go through that route.
 */
class OneWriterPerQueueTest extends RouteContractTestBase {
    /** Dynamic targets the routes compute, and the queues they may stand for. */
    private static final Map<String, String> DYNAMIC = Map.of(
            "${header.vardnavDeadLetterQueue}", "DLQ.<queue> (dead letters)",
            "${header.vardnavLetterMailboxQueue}", "mailbox.<operator>");
    /**
     * Java that touches queues by design: the console moves a dead letter back to its origin as it is (an operator's
     * replay, not a new message), and watches depths.
     */
    /** Queues no route writes: journal.inbound takes only a replayed dead letter (the console puts it back as it was). */
    private static final Set<String> REPLAY_ONLY = Set.of("journal.inbound");
    private static final Set<String> JAVA_ALLOWED = Set.of("se/vardnav/console/deadletter/DeadLetterQueues.java");
    private static final Pattern SENDS_TO_QUEUE = Pattern.compile(
            "\\b(to|toD|toF)\\(\\s*\"jms:|createProducer\\(|\\.convertAndSend\\(|JmsTemplate[^;]*\\.send\\(|jms\\.send\\(|ProducerTemplate");

    @Autowired
    BrokerProperties broker;
    @Autowired
    ObjectProvider<HubQueues> contributed;
    @Value("${vardnav.queue.mailbox-prefix}")
    String mailboxPrefix;

    @Test
    void everyQueueHasExactlyOneWritingRoute() {
        Map<String, Set<String>> writers = new TreeMap<>();
        for (RouteDefinition route : ((ModelCamelContext) camel).getRouteDefinitions()) {
            for (String uri : sends(route.getOutputs())) {
                String resolved = camel.resolvePropertyPlaceholders(uri);
                if (resolved.startsWith("jms:")) {
                    String queue = resolved.replaceFirst("^jms:(queue:)?", "").replaceFirst("\\?.*$", "");
                    writers.computeIfAbsent(DYNAMIC.getOrDefault(queue, queue), q -> new TreeSet<>()).add(route.getRouteId());
                }
            }
        }
        for (String queue : HubQueues.all(broker, contributed)) {
            String key = queue.startsWith(mailboxPrefix) ? DYNAMIC.get("${header.vardnavLetterMailboxQueue}") : queue;
            if (REPLAY_ONLY.contains(queue)) {
                assertThat(writers.get(key)).as("routes writing to %s", queue).isNull();
            } else {
                assertThat(writers.get(key)).as("routes writing to %s", queue).hasSize(1);
            }
        }
        assertThat(writers.keySet()).as("every queue written to is a hub queue or a dead-letter queue")
                .allMatch(q -> DYNAMIC.containsValue(q) || HubQueues.all(broker, contributed).contains(q));
        assertThat(writers.get("notify.sms")).containsExactly("notify-sms");
        assertThat(writers.get("notify.email")).containsExactly("notify-email");
        assertThat(writers.get("hub.appointment")).containsExactly("enqueue-appointment");
    }

    @Test
    void noJavaClassOfTheHubSendsToAQueue() throws IOException {
        Path main = Path.of("hub/src/main/java");
        List<String> offenders = new ArrayList<>();
        try (Stream<Path> files = Files.walk(main)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String rel = main.relativize(f).toString().replace('\\', '/');
                if (JAVA_ALLOWED.contains(rel)) {
                    continue;
                }
                String code = Files.readString(f).replaceAll("(?m)^import .*$", "");
                if (SENDS_TO_QUEUE.matcher(code).find() && !enteringARoute(rel)) {
                    offenders.add(rel);
                }
            }
        }
        assertThat(offenders).as("Java that sends to a queue instead of returning what a route sends").isEmpty();
    }

    /** The entry points that are not routes hand over to one (a direct: endpoint), never to a queue. */
    private static boolean enteringARoute(String file) {
        return Set.of("se/vardnav/notification/NoticeQueue.java", "se/vardnav/notification/NoticeConfiguration.java",
                "se/vardnav/journal/fhir/AppointmentIntakeProvider.java",
                "se/vardnav/journal/fhir/AppointmentIntakeConfiguration.java",
                "se/vardnav/letter/intake/LetterIntake.java", "se/vardnav/letter/LetterFlowConfiguration.java",
                "se/vardnav/visit/VisitIntake.java", "se/vardnav/visit/StaffSignals.java", "se/vardnav/visit/VisitConfiguration.java",
                "se/vardnav/resync/ResyncConfiguration.java", "se/vardnav/resync/Hl7Schedule.java").contains(file);
    }

    private static List<String> sends(List<ProcessorDefinition<?>> outputs) {
        List<String> uris = new ArrayList<>();
        for (ProcessorDefinition<?> p : outputs) {
            if (p instanceof SendDefinition<?> send) {
                uris.add(send.getEndpointUri());
            } else if (p instanceof ToDynamicDefinition toD) {
                uris.add(toD.getUri());
            }
            if (p instanceof ChoiceDefinition choice) {
                choice.getWhenClauses().forEach(w -> uris.addAll(sends(w.getOutputs())));
                if (choice.getOtherwise() != null) {
                    uris.addAll(sends(choice.getOtherwise().getOutputs()));
                }
            }
            uris.addAll(sends(p.getOutputs()));
        }
        return uris;
    }
}
