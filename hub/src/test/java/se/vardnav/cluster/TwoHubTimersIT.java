package se.vardnav.cluster;

import ca.uhn.fhir.context.FhirContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import se.vardnav.booking.BookingKey;
import se.vardnav.fhir.Fhir;
import se.vardnav.letter.LetterFhir;
import se.vardnav.notification.NoticeEncoding;
import se.vardnav.notification.Reminders;
import se.vardnav.notification.SmsRequest;
import se.vardnav.privacy.TestKeys;
import se.vardnav.sim.sms.ReceivedSms;
import se.vardnav.support.HubHttp;
import se.vardnav.support.TestPersons;

import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.CommunicationRequest;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two hubs on one broker and one PostgreSQL schema ({@link HubCluster}), both with every timer running: what a timer
 * does happens once. Reminders due at the same moment reach the SMS gateway once each; a letter left unread goes to
 * the print list once (one hub logs it); a letter file dropped into the folder both hubs read is taken once (none
 * lands in .error, each letter once in the hub and on the platform). PostgreSQL only: two processes cannot share an
 * H2 file.
 */
class TwoHubTimersIT {
    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private static final byte[] PDF = "%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
    private static final int REMINDERS = Integer.getInteger("twohubs.reminders", 600);
    private static final int LETTERS = 16;
    private static final int DROPS = 30;
    private static HubCluster cluster;

    @BeforeAll
    static void startTwoHubs() throws Exception {
        Assumptions.assumeTrue(HubCluster.postgres(),
                "two hubs share one database: run with -Ppostgres (an H2 file cannot be opened by two processes)");
        cluster = new HubCluster("timers", List.of(
                "vardnav.notification.reminder-poll-ms=200",
                "vardnav.letter.escalation-poll-ms=200",
                "vardnav.letter.drop-poll-ms=100",
                // letters are "unread" after seconds here, so that the escalation falls due during the test
                "vardnav.letter.unread-escalation=3s"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void remindersDueAtOnceReachTheGatewayOnceEach() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        // planned as platform-delivery plans them, into the hubs' shared table
        Reminders planner = new Reminders(cluster.db(), FHIR, new NoticeEncoding(FHIR), Clock.systemUTC(), TestKeys.cipher());
        List<String> numbers = IntStream.range(0, REMINDERS).mapToObj(i -> String.format("+46704%06d", i)).toList();
        Instant due = Instant.now().plusSeconds(2);
        for (int i = 0; i < REMINDERS; i++) {
            BookingKey key = new BookingKey("TWOHUBS", "R-" + run + "-" + i, 1);
            planner.plan(key, due, new SmsRequest(key.group() + "|1|reminder-video", numbers.get(i),
                    "Påminnelse: ditt videobesök börjar kl 10:00.", key.bookingId(), "reminder-video"));
        }

        await("every reminder at the gateway").atMost(Duration.ofMinutes(3)).until(() -> sentTo(numbers).size() == REMINDERS);
        // and nothing more comes: both hubs have polled many times since
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() -> sentTo(numbers).values().stream()
                .mapToLong(Long::longValue).sum() == REMINDERS);
        assertThat(sentTo(numbers).values()).as("SMS per reminder").allMatch(n -> n == 1L);
        Map<String, Object> byHub = cluster.db().queryForList("SELECT claimed_by, COUNT(*) AS n FROM reminder WHERE booking_id LIKE ? "
                + "AND status = 'SENT' GROUP BY claimed_by", "R-" + run + "-%").stream()
                .collect(Collectors.toMap(r -> String.valueOf(r.get("claimed_by")), r -> r.get("n")));
        System.out.printf("TwoHubTimersIT: %d reminders due at once, fired by %s%n", REMINDERS, byHub);
    }

    @Test
    void anUnreadLetterGoesToThePrintListOnce() throws Exception {
        List<String> sourceIds = new ArrayList<>();
        HttpClient http = HubHttp.wrap(HttpClient.newHttpClient());
        for (int i = 0; i < LETTERS; i++) {
            String patient = TestPersons.next();
            cluster.platform.addAccount(patient, null, null);
            String sourceId = "L-" + UUID.randomUUID();
            sourceIds.add(sourceId);
            // to either hub, as a load balancer would
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(cluster.hub(i % 2).fhirBase() + "/CommunicationRequest"))
                    .header("Content-Type", "application/fhir+json").POST(HttpRequest.BodyPublishers.ofString(letter(sourceId, patient))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(r.body()).isIn(200, 201);
        }
        await("each letter on the print list, unread").atMost(Duration.ofMinutes(2)).until(() -> cluster.db().queryForObject(
                "SELECT COUNT(*) FROM letter_escalation e JOIN letter l ON l.id = e.letter_id WHERE l.source_letter_id IN ("
                        + placeholders(LETTERS) + ") AND e.status = 'PRINTED'", Integer.class, sourceIds.toArray()) == LETTERS);
        for (String sourceId : sourceIds) {
            String id = cluster.db().queryForObject("SELECT id FROM letter WHERE source_letter_id = ?", String.class, sourceId);
            assertThat(cluster.platform.findLetter(id)).as("delivered to the platform first").isPresent();
            assertThat(cluster.db().queryForObject("SELECT COUNT(*) FROM print_item WHERE letter_id = ?", Integer.class, id)).isEqualTo(1);
            // the escalation's work was done by one hub once: one log line across both
            assertThat(cluster.hub(0).logLines("Letter " + id + " unread after") + cluster.hub(1).logLines("Letter " + id + " unread after"))
                    .as("escalations of " + id).isEqualTo(1);
        }
    }

    @Test
    void aFileDroppedIntoTheSharedFolderIsTakenOnce() throws Exception {
        Path drop = cluster.dropDir;
        Files.createDirectories(drop);
        List<String> sourceIds = new ArrayList<>();
        for (int i = 0; i < DROPS; i++) {
            String patient = TestPersons.next();
            cluster.platform.addAccount(patient, null, null);
            String sourceId = "DROP-" + UUID.randomUUID();
            sourceIds.add(sourceId);
            String name = "svar-" + sourceId;
            write(drop, name + ".pdf", PDF);
            write(drop, name + ".json", ("""
                    {"source": "Sectra", "letterId": "%s", "documentName": "Svar", "kind": "ebrev",
                     "patient": {"system": "personnummer", "value": "%s"}, "text": "Svar. [4US:LPAT]"}
                    """.formatted(sourceId, patient)).getBytes(StandardCharsets.UTF_8));
        }
        await("every dropped letter taken").atMost(Duration.ofMinutes(2)).until(() -> sourceIds.stream()
                .allMatch(s -> Files.exists(drop.resolve(".done").resolve("svar-" + s + ".json"))));
        for (String sourceId : sourceIds) {
            List<String> ids = cluster.db().queryForList("SELECT id FROM letter WHERE source_letter_id = ?", String.class, sourceId);
            assertThat(ids).as("letters for " + sourceId).hasSize(1);
            await().atMost(Duration.ofMinutes(1)).until(() -> cluster.platform.findLetter(ids.get(0)).isPresent());
        }
        // a second hub that took a file already taken would have failed on it: its files would be in .error
        Path error = drop.resolve(".error");
        try (var failed = Files.exists(error) ? Files.list(error) : java.util.stream.Stream.<Path>empty()) {
            assertThat(failed.map(Path::getFileName).map(Path::toString).filter(n -> sourceIds.stream().anyMatch(n::contains)))
                    .as("dropped files in .error").isEmpty();
        }
    }

    /** Written under a dot name and renamed, as the drop's README asks: a hub never sees a half-written file. */
    private static void write(Path dir, String name, byte[] content) throws Exception {
        Path tmp = dir.resolve("." + name + ".tmp");
        Files.write(tmp, content);
        Files.move(tmp, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }

    private static String letter(String sourceId, String patient) {
        CommunicationRequest cr = new CommunicationRequest();
        Identifier id = new Identifier().setSystem(LetterFhir.JOURNAL_LETTER_ID).setValue(sourceId);
        id.setAssigner(new Reference().setDisplay("TakeCare"));
        cr.addIdentifier(id);
        cr.setStatus(CommunicationRequest.CommunicationRequestStatus.ACTIVE);
        cr.addExtension(LetterFhir.EXT_DOCUMENT_NAME, new StringType("Provsvar"));
        cr.setSubject(new Reference().setType("Patient").setIdentifier(new Identifier().setSystem(Fhir.PERSONNUMMER).setValue(patient)));
        cr.addPayload().setContent(new StringType("Hej! Dina provsvar är klara.\n\n[4US:LPAT]"));
        cr.addPayload().setContent(new Attachment().setContentType("application/pdf").setTitle("brev.pdf").setData(PDF));
        return FHIR.newJsonParser().encodeResourceToString(cr);
    }

    private static String placeholders(int n) {
        return String.join(", ", java.util.Collections.nCopies(n, "?"));
    }

    private static Map<String, Long> sentTo(List<String> numbers) {
        java.util.Set<String> wanted = new java.util.HashSet<>(numbers);
        return cluster.smsGateway.received().stream().map(ReceivedSms::to).filter(wanted::contains)
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }
}
