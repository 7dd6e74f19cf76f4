package se.vardnav.journal.mllp;

import io.micrometer.core.instrument.MeterRegistry;
import org.hl7.fhir.r4.model.Appointment;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import se.vardnav.sim.journal.JournalSimulator;
import se.vardnav.sim.journal.SiuMessages;
import se.vardnav.support.SmallLimitsTestBase;
import se.vardnav.support.SwedishTexts;
import se.vardnav.support.TestPersons;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The journal system's MLLP listener at its edges: messages over the size limit, idle and surplus connections,
 * bytes without framing, a sender's configured character set. Each refusal is said to the sender (an AR with the
 * reason, or a closed connection) and counted; nothing is dropped in silence.
 */
class MllpEdgeIT extends SmallLimitsTestBase {
    private static final HttpClient HTTP = se.vardnav.support.HubHttp.client();
    private final List<JournalSimulator> others = new ArrayList<>();
    @Autowired
    private MeterRegistry meters;

    @AfterEach
    void closeOthers() {
        others.forEach(JournalSimulator::close);
        // every connection of this test is gone before the next one counts slots
        await().until(() -> meters.get("vardnav.journal.mllp.connections").gauges().stream().mapToDouble(g -> g.value()).sum() == 0);
    }

    private JournalSimulator from(String address) {
        JournalSimulator j = JournalSimulator.from(address, "127.0.0.1", mllpPort);
        others.add(j);
        return j;
    }

    private static SiuMessages booking(String id) {
        return SiuMessages.s12().bookingId(id).start(LocalDateTime.of(2026, 12, 4, 9, 0)).minutes(20)
                .timeType("VIDEO", "Video").patient(TestPersons.next());
    }

    private double counter(String name, String... tags) {
        var search = meters.find(name);
        if (tags.length > 0) {
            search = search.tags(tags);
        }
        var c = search.counter();
        return c == null ? 0 : c.count();
    }

    private double openConnections() {
        return meters.get("vardnav.journal.mllp.connections").gauges().stream().mapToDouble(g -> g.value()).sum();
    }

    private HttpResponse<String> readiness() throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/actuator/health/readiness")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aMessageOverTheLimitGetsArStatingTheLimitAndTheConnectionGoesOn() throws IOException {
        double before = counter("vardnav.journal.mllp.messages.oversized");
        // 6 MB, as seen from outside: read to its end and dropped, never held
        String huge = booking(newBookingId()).comment("x".repeat(6 * 1024 * 1024)).build();
        String ack = journal.send(huge);
        assertThat(ack).contains("MSA|AR").contains("larger than " + MESSAGE_LIMIT + " bytes");
        assertThat(counter("vardnav.journal.mllp.messages.oversized")).isEqualTo(before + 1);

        // just over the limit (within camel-mllp's last read): the same answer
        String justOver = booking(newBookingId()).controlId("JUST-OVER-1").comment("y".repeat(MESSAGE_LIMIT)).build();
        assertThat(journal.send(justOver)).contains("MSA|AR|JUST-OVER-1").contains("larger than " + MESSAGE_LIMIT + " bytes");
        assertThat(counter("vardnav.journal.mllp.messages.oversized")).isEqualTo(before + 2);

        // the same connection takes the next booking
        String id = newBookingId();
        assertThat(journal.send(booking(id).build())).contains("MSA|AA");
        await().until(() -> platform.findByBookingId(id).isPresent());
    }

    @Test
    void anIdleConnectionIsClosedAndCounted() throws IOException {
        double before = counter("vardnav.journal.mllp.connections.closed", "reason", "idle");
        journal.connect();
        await().atMost(Duration.ofSeconds(30)).until(journal::closedByHub);
        assertThat(counter("vardnav.journal.mllp.connections.closed", "reason", "idle")).isEqualTo(before + 1);
    }

    @Test
    void onePeerCannotTakeMoreThanItsShare() throws IOException {
        double before = counter("vardnav.journal.mllp.connections.refused", "reason", "peer-limit");
        for (int i = 0; i < MAX_PER_PEER; i++) {
            assertThat(from("127.0.0.1").send(booking(newBookingId()).build())).contains("MSA|AA");
        }
        JournalSimulator surplus = from("127.0.0.1");
        surplus.connect();
        await().until(surplus::closedByHub);
        assertThat(counter("vardnav.journal.mllp.connections.refused", "reason", "peer-limit")).isEqualTo(before + 1);
        // another system is not affected
        assertThat(from("127.0.0.2").send(booking(newBookingId()).build())).contains("MSA|AA");
    }

    @Test
    void whenEverySlotIsTakenNewConnectionsAreRefusedAndReadinessSaysSo() throws Exception {
        double before = counter("vardnav.journal.mllp.connections.refused", "reason", "full");
        for (String address : List.of("127.0.0.1", "127.0.0.1", "127.0.0.2", "127.0.0.2")) {
            from(address).connect();
        }
        await().until(() -> openConnections() == MAX_CONNECTIONS);
        assertThat(readiness().statusCode()).isEqualTo(503);
        assertThat(readiness().body()).contains("\"journalMllp\":{\"status\":\"OUT_OF_SERVICE\"");

        JournalSimulator fifth = from("127.0.0.3");
        fifth.connect();
        await().until(fifth::closedByHub);
        assertThat(counter("vardnav.journal.mllp.connections.refused", "reason", "full")).isEqualTo(before + 1);

        others.get(0).close();
        await().until(() -> readiness().statusCode() == 200);
    }

    @Test
    void bytesWithoutMllpFramingGetArAndTheConnectionIsClosed() throws IOException {
        double before = counter("vardnav.journal.mllp.connections.closed", "reason", "unframed");
        String raw = booking(newBookingId()).controlId("UNFRAMED-1").build();
        String answer = journal.sendUnframed(raw.getBytes(StandardCharsets.UTF_8));
        assertThat(answer).contains("MSA|AR|UNFRAMED-1").contains("without MLLP framing");
        await().until(journal::closedByHub);

        JournalSimulator prober = from("127.0.0.2");
        assertThat(prober.sendUnframed("GET / HTTP/1.1\r\nHost: hub\r\n\r\n".getBytes(StandardCharsets.US_ASCII))).contains("MSA|AR");
        await().until(prober::closedByHub);
        assertThat(counter("vardnav.journal.mllp.connections.closed", "reason", "unframed")).isEqualTo(before + 2);
    }

    @Test
    void aSendersConfiguredCharacterSetIsUsedWhenMsh18IsEmpty() throws IOException {
        String id = newBookingId();
        String latin1 = SwedishTexts.booking(id).sendingApplication("LATIN1SYS").characterSet(null).build();
        assertThat(journal.sendBytes(latin1.getBytes(StandardCharsets.ISO_8859_1))).contains("MSA|AA");
        Appointment a = await().until(() -> platform.findByBookingId(id), Optional::isPresent).orElseThrow();
        SwedishTexts.assertArrived(a);

        // that sender's UTF-8 without MSH-18 is mislabelled, and refused rather than shown as "UppfÃ¶ljning"
        String utf8 = SwedishTexts.booking(newBookingId()).sendingApplication("LATIN1SYS").characterSet(null).build();
        assertThat(journal.sendBytes(utf8.getBytes(StandardCharsets.UTF_8))).contains("MSA|AE").contains("configured for this sender");
    }
}
