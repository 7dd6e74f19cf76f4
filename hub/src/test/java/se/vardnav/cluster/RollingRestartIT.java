package se.vardnav.cluster;

import ca.uhn.fhir.context.FhirContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.CommunicationRequest;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import se.vardnav.fhir.Fhir;
import se.vardnav.letter.LetterFhir;
import se.vardnav.sim.journal.JournalSimulator;
import se.vardnav.sim.journal.SiuMessages;
import se.vardnav.sim.platform.PlatformWrite;
import se.vardnav.support.HubHttp;
import se.vardnav.support.TestPersons;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A rolling restart under traffic: two hubs ({@link HubCluster}), bookings over MLLP from journal systems that resend
 * what got no ACK (to the other hub when their connection drops or is refused), and letters over FHIR from a client
 * that resends on 503 or a refused connection. Hub A is restarted gracefully (SIGTERM, wait for its exit, start),
 * then hub B, while the traffic flows. Nothing acknowledged is lost, nothing reaches the platform twice, each
 * booking's events apply in order, no sender gets a refusal it would not simply resend (no AE/AR, no 4xx/500), and
 * each hub ends within its bound: two waits of vardnav.shutdown-timeout (HTTP requests in progress and the intake
 * listeners, then in-flight messages) and the closing of its connections. PostgreSQL only, like the other TwoHub ITs.
 */
class RollingRestartIT {
    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private static final ZoneId SWEDEN = ZoneId.of("Europe/Stockholm");
    private static final LocalDate FIRST_DAY = LocalDate.of(2027, 4, 5);
    private static final byte[] PDF = "%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
    private static final int SHUTDOWN_TIMEOUT_SECONDS = 10;
    /** Two waits of the timeout, and the closing of the broker, database and HTTP connections (seconds). */
    private static final Duration SHUTDOWN_BOUND = Duration.ofSeconds(2L * SHUTDOWN_TIMEOUT_SECONDS + 10);
    private static final int JOURNALS = 4;
    /** Each journal system's pace: steady traffic through both restarts, not a load test. */
    private static final Duration PACE = Duration.ofMillis(100);
    private static HubCluster cluster;

    /** One booking: its events in the order they are sent, and the state (status@start) each leaves on the platform. */
    record Booking(String id, List<String> events, List<String> states) {}

    @BeforeAll
    static void startTwoHubs() throws Exception {
        Assumptions.assumeTrue(HubCluster.postgres(),
                "two hubs share one database: run with -Ppostgres (an H2 file cannot be opened by two processes)");
        // opt-in for now: 13 min on the shared 2 cores, and its last run found one booking applied out of order
        // (docs/benchmarks.md, "Rolling restart"), which is not yet explained
        Assumptions.assumeTrue(Boolean.getBoolean("cluster.rolling"), "rolling restart: run with -Dcluster.rolling=true");
        cluster = new HubCluster("rolling", List.of("vardnav.platform.consumers=4",
                "vardnav.shutdown-timeout=" + SHUTDOWN_TIMEOUT_SECONDS));
    }

    @AfterAll
    static void stop() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void restartingOneHubAtATimeUnderTrafficLosesRefusesAndRepeatsNothing() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        // a platform that takes a moment per write: each hub has deliveries in flight when it is told to stop
        cluster.platform.setDelay(Duration.ofMillis(15));
        AtomicBoolean flowing = new AtomicBoolean(true);
        Collection<Booking> sent = new ConcurrentLinkedQueue<>();
        Collection<String> lettersSent = new ConcurrentLinkedQueue<>();
        Collection<String> refusals = new ConcurrentLinkedQueue<>();
        AtomicInteger acks = new AtomicInteger();
        AtomicInteger resends = new AtomicInteger();
        List<Thread> senders = new ArrayList<>();
        for (int j = 0; j < JOURNALS; j++) {
            int journal = j;
            senders.add(startThread("journal-" + j, 
                    () -> sendBookings(run + "-" + journal, journal % 2, flowing, sent, acks, resends, refusals)));
        }
        senders.add(startThread("letters", () -> sendLetters(run, flowing, lettersSent, resends, refusals)));

        List<Duration> shutdowns = new ArrayList<>();
        for (HubCluster.Hub hub : cluster.hubs) {
            int before = acks.get();
            await("traffic acknowledged before hub " + hub.name + " restarts").atMost(Duration.ofMinutes(2))
                    .until(() -> acks.get() >= before + 60 && lettersSent.size() >= 5);
            shutdowns.add(cluster.restart(hub, SHUTDOWN_BOUND.multipliedBy(2)));
        }
        int before = acks.get();
        await("traffic after both restarts").atMost(Duration.ofMinutes(2)).until(() -> acks.get() >= before + 60);
        flowing.set(false);
        for (Thread t : senders) {
            t.join(Duration.ofMinutes(3).toMillis());
        }
        System.out.printf("RollingRestartIT: %d bookings (%d events acknowledged), %d letters, %d resends; hubs ended %s after SIGTERM"
                + " (bound %s)%n", sent.size(), acks.get(), lettersSent.size(), resends.get(),
                shutdowns.stream().map(d -> d.toMillis() + " ms").toList(), SHUTDOWN_BOUND);

        assertThat(refusals).as("answers a sender would not simply resend").isEmpty();
        assertThat(shutdowns).as("time from SIGTERM to exit").allSatisfy(d -> assertThat(d).isLessThan(SHUTDOWN_BOUND));
        await("every booking in its last state on the platform").atMost(Duration.ofMinutes(3)).untilAsserted(() -> {
            for (Booking b : sent) {
                assertThat(cluster.platform.findByBookingId(b.id()).map(a -> a.getStatus().toCode() + "@" + a.getStart().toInstant()))
                        .as(b.id()).contains(b.states().get(b.states().size() - 1));
            }
        });
        // each event applied at most once and never out of order: a booking's writes are its events' states in their
        // order, ending with the last. An event that reaches the platform after a newer one of its booking (its message
        // group moved while a stopping hub held it) is dropped as stale, never written last; that is the one gap allowed.
        Map<String, List<String>> applied = new ConcurrentHashMap<>();
        for (PlatformWrite w : cluster.platform.writes()) {
            applied.computeIfAbsent(w.bookingId(), k -> new ArrayList<>()).add(w.state());
        }
        int skipped = 0;
        for (Booking b : sent) {
            List<String> writes = applied.get(b.id());
            assertThat(writes).as(b.id() + " on the platform").isNotEmpty();
            assertThat(writes.get(writes.size() - 1)).as(b.id() + ": the last write is the last event").isEqualTo(b.states().get(b.states().size() - 1));
            int next = 0;
            for (String write : writes) {
                int at = b.states().subList(next, b.states().size()).indexOf(write);
                assertThat(at).as(b.id() + ": write " + write + " in order, once, among " + b.states() + " (writes " + writes + ")").isNotNegative();
                next += at + 1;
            }
            skipped += b.states().size() - writes.size();
        }
        System.out.printf("RollingRestartIT: %d superseded events dropped as stale, not written%n", skipped);
        await("every letter on the platform").atMost(Duration.ofMinutes(2)).untilAsserted(() -> {
            for (String sourceId : lettersSent) {
                List<String> ids = cluster.db().queryForList("SELECT id FROM letter WHERE source_letter_id = ?", String.class, sourceId);
                assertThat(ids).as("letters stored for " + sourceId).hasSize(1);
                assertThat(cluster.platform.findLetter(ids.get(0))).as(sourceId).isPresent();
            }
        });
        assertThat(cluster.platform.letterWriteCount()).as("letter writes on the platform").isEqualTo(lettersSent.size());
    }

    /**
     * A journal system: books, moves twice and (every third) cancels one booking after another, each event once it
     * has the ACK of the one before. An event without an answer (connection dropped or refused) is sent again, to the
     * other hub, as a journal behind a load balancer would; each new booking tries its own hub first.
     */
    private static void sendBookings(String journal, int home, AtomicBoolean flowing, Collection<Booking> sent, AtomicInteger acks,
                                     AtomicInteger resends, Collection<String> refusals) {
        List<JournalSimulator> hubs = List.of(new JournalSimulator("127.0.0.1", cluster.hub(0).mllpPort),
                new JournalSimulator("127.0.0.1", cluster.hub(1).mllpPort));
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(12);
        for (int i = 0; flowing.get() && System.nanoTime() < deadline; i++) {
            Booking b = booking(journal, i);
            int current = home;
            for (String event : b.events()) {
                while (System.nanoTime() < deadline) {
                    try {
                        String ack = hubs.get(current).send(event);
                        if (ack.contains("MSA|AA")) {
                            acks.incrementAndGet();
                        } else {
                            refusals.add(b.id() + ": " + ack.lines().filter(l -> l.startsWith("MSA") || l.startsWith("ERR")).toList());
                        }
                        break;
                    } catch (IOException noAnswer) {
                        resends.incrementAndGet();
                        current = 1 - current;
                        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50)); // a journal's reconnect delay
                    }
                }
                LockSupport.parkNanos(PACE.toNanos());
            }
            sent.add(b);
        }
        hubs.forEach(JournalSimulator::close);
    }

    /** A journal's letter client: POSTs a letter to either hub; a 503 or a refused connection is sent to the other. */
    private static void sendLetters(String run, AtomicBoolean flowing, Collection<String> sent, AtomicInteger resends,
                                    Collection<String> refusals) {
        HttpClient http = HubHttp.wrap(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build());
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(12);
        for (int i = 0; flowing.get() && System.nanoTime() < deadline; i++) {
            String patient = TestPersons.next();
            cluster.platform.addAccount(patient, null, null);
            String sourceId = "ROLL-" + run + "-" + i;
            String body = letter(sourceId, patient);
            int current = i % 2;
            while (System.nanoTime() < deadline) {
                try {
                    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(cluster.hub(current).fhirBase() + "/CommunicationRequest"))
                            .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/fhir+json")
                            .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
                    if (r.statusCode() == 200 || r.statusCode() == 201) {
                        sent.add(sourceId);
                        break;
                    }
                    if (r.statusCode() != 503) {
                        refusals.add(sourceId + ": HTTP " + r.statusCode());
                        break;
                    }
                    resends.incrementAndGet();
                    System.out.printf("RollingRestartIT: letter answered 503 by hub %d, Retry-After %s%n", current,
                            r.headers().firstValue("Retry-After").orElse("none"));
                } catch (IOException noAnswer) {
                    resends.incrementAndGet();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                current = 1 - current;
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
            }
            LockSupport.parkNanos(PACE.toNanos() * 4);
        }
    }

    private static Thread startThread(String name, Runnable work) {
        Thread t = new Thread(work, name);
        t.start();
        return t;
    }

    private static Booking booking(String journal, int i) {
        String id = "ROLL-" + journal + "-" + i;
        String patient = TestPersons.next();
        String mobile = String.format("0708%06d", i);
        LocalDateTime sentAt = LocalDateTime.now().minusMinutes(30).withNano(0);
        LocalDateTime booked = FIRST_DAY.plusDays(i % 20).atTime(9, 0);
        List<LocalDateTime> starts = List.of(booked, booked.withHour(10), booked.withHour(13));
        List<String> events = new ArrayList<>();
        List<String> states = new ArrayList<>();
        for (int e = 0; e < starts.size(); e++) {
            events.add(message(e == 0 ? SiuMessages.s12() : SiuMessages.s13(), id, patient, mobile, starts.get(e), sentAt.plusMinutes(e)));
            states.add("booked@" + starts.get(e).atZone(SWEDEN).toInstant());
        }
        if (i % 3 == 0) {
            events.add(message(SiuMessages.s15(), id, patient, mobile, starts.get(2), sentAt.plusMinutes(3)));
            states.add("cancelled@" + starts.get(2).atZone(SWEDEN).toInstant());
        }
        return new Booking(id, events, states);
    }

    private static String message(SiuMessages m, String id, String patient, String mobile, LocalDateTime start, LocalDateTime sent) {
        return m.bookingId(id).start(start).minutes(20).timeType("VIDEO", "Videobesök").patient(patient).patientMobile(mobile)
                .staff("SE2321000016-1234", "Lind").caseName("Uppföljning").messageTime(sent).build();
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
}
