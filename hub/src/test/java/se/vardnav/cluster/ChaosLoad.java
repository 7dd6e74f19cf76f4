package se.vardnav.cluster;

import ca.uhn.fhir.context.FhirContext;
import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.CommunicationRequest;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import se.vardnav.booking.BookingKey;
import se.vardnav.fhir.Fhir;
import se.vardnav.letter.LetterFhir;
import se.vardnav.notification.NoticeEncoding;
import se.vardnav.notification.Reminders;
import se.vardnav.notification.SmsRequest;
import se.vardnav.privacy.TestKeys;
import se.vardnav.sim.journal.JournalSimulator;
import se.vardnav.sim.journal.SiuMessages;
import se.vardnav.support.HubHttp;
import se.vardnav.support.TestPersons;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The traffic of the chaos run, as the peers send it: journal systems sending bookings over MLLP (booked, moved twice,
 * every third cancelled) that resend a message until it gets an AA, trying the other hub when theirs is away (what a
 * load balancer in front of the hubs does); a letter source posting letters to either hub over FHIR until one answers
 * 2xx; and reminders planned into the hubs' shared table, due while the run goes on.
 */
final class ChaosLoad {
    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private static final ZoneId SWEDEN = ZoneId.of("Europe/Stockholm");
    private static final LocalDate FIRST_DAY = LocalDate.of(2027, 3, 1);
    static final byte[] PDF = "%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);

    /** One booking: its events in the order sent, and the state (status@start) each leaves on the platform. */
    record Booking(String id, List<String> events, List<String> states) {
        String last() {
            return states.get(states.size() - 1);
        }
    }

    /** One letter: the journal's letter id and the patient. */
    record Letter(String sourceId, String patient) {}

    final AtomicInteger acks = new AtomicInteger();
    final AtomicInteger resends = new AtomicInteger();
    final AtomicInteger lettersAccepted = new AtomicInteger();
    /** When an item was last acknowledged (ms since the epoch): the first ack after a kill ends the outage. */
    volatile long lastAck;
    private final HubCluster cluster;
    private final Instant deadline;

    ChaosLoad(HubCluster cluster, Duration bound) {
        this.cluster = cluster;
        this.deadline = Instant.now().plus(bound);
    }

    static List<Booking> bookings(String run, int n) {
        LocalDateTime sent = LocalDateTime.now().minusMinutes(30).withNano(0);
        List<Booking> bookings = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String id = "CHAOS-" + run + "-" + i;
            String patient = TestPersons.next();
            String mobile = String.format("0708%06d", i);
            LocalDateTime booked = FIRST_DAY.plusDays(i % 60).atTime(9, 0);
            List<LocalDateTime> starts = List.of(booked, booked.withHour(10), booked.withHour(13));
            List<String> events = new ArrayList<>();
            List<String> states = new ArrayList<>();
            for (int e = 0; e < starts.size(); e++) {
                events.add(message(e == 0 ? SiuMessages.s12() : SiuMessages.s13(), id, patient, mobile, starts.get(e), sent.plusMinutes(e)));
                states.add("booked@" + starts.get(e).atZone(SWEDEN).toInstant());
            }
            if (i % 3 == 0) {
                events.add(message(SiuMessages.s15(), id, patient, mobile, starts.get(2), sent.plusMinutes(3)));
                states.add("cancelled@" + starts.get(2).atZone(SWEDEN).toInstant());
            }
            bookings.add(new Booking(id, events, states));
        }
        return bookings;
    }

    /** Bookings of this run for a throughput phase: one S12 each, to one hub or spread over both. */
    static List<Booking> newBookings(String run, int n) {
        LocalDateTime sent = LocalDateTime.now().minusMinutes(30).withNano(0);
        List<Booking> bookings = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String id = "TPUT-" + run + "-" + i;
            LocalDateTime start = FIRST_DAY.plusDays(i % 60).atTime(11, 0);
            bookings.add(new Booking(id, List.of(message(SiuMessages.s12(), id, TestPersons.next(), null, start, sent)),
                    List.of("booked@" + start.atZone(SWEDEN).toInstant())));
        }
        return bookings;
    }

    /** Plans the reminders, due evenly from 5 s from now over the spread; returns each one's phone number. */
    List<String> planReminders(String run, int n, Duration spread) {
        Reminders planner = new Reminders(cluster.db(), FHIR, new NoticeEncoding(FHIR), Clock.systemUTC(), TestKeys.cipher());
        Instant first = Instant.now().plusSeconds(5);
        List<String> numbers = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String number = String.format("+46705%06d", i);
            numbers.add(number);
            BookingKey key = new BookingKey("CHAOS", "R-" + run + "-" + i, 1);
            Instant due = first.plusMillis(spread.toMillis() * i / Math.max(1, n));
            planner.plan(key, due, new SmsRequest(key.group() + "|1|reminder-video", number,
                    "Påminnelse " + i + ": ditt videobesök börjar kl 10:00.", key.bookingId(), "reminder-video"));
        }
        return numbers;
    }

    static List<Letter> letters(String run, int n) {
        List<Letter> letters = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            letters.add(new Letter("CHAOS-L-" + run + "-" + i, TestPersons.next()));
        }
        return letters;
    }

    /** Sends each booking's events in order, round by round across the bookings; resends until AA. */
    void sendBookings(List<Booking> bookings, int home) {
        List<JournalSimulator> hubs = List.of(new JournalSimulator("127.0.0.1", cluster.hub(0).mllpPort),
                new JournalSimulator("127.0.0.1", cluster.hub(1).mllpPort));
        int current = home;
        int rounds = bookings.stream().mapToInt(b -> b.events().size()).max().orElse(0);
        for (int round = 0; round < rounds; round++) {
            for (Booking b : bookings) {
                if (round >= b.events().size()) {
                    continue;
                }
                boolean first = true;
                while (Instant.now().isBefore(deadline)) {
                    if (!first) {
                        resends.incrementAndGet();
                    }
                    first = false;
                    try {
                        String ack = hubs.get(current).send(b.events().get(round));
                        if (ack.contains("MSA|AA")) {
                            acks.incrementAndGet();
                            lastAck = System.currentTimeMillis();
                            break;
                        }
                        pause(); // AE/AR: the journal system sends the same message again a moment later
                    } catch (IOException hubAway) {
                        current = 1 - current; // the journal system's other connection (a load balancer does this)
                        pause();
                    }
                }
            }
        }
        hubs.forEach(JournalSimulator::close);
    }

    /** Posts each letter to a hub, alternating, until one answers 2xx (the same letter id again on a failure). */
    void sendLetters(List<Letter> letters) {
        HttpClient http = HubHttp.wrap(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build());
        int i = 0;
        for (Letter l : letters) {
            cluster.platform.addAccount(l.patient(), null, null);
            while (Instant.now().isBefore(deadline)) {
                HubCluster.Hub hub = cluster.hub(i++ % 2);
                try {
                    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(hub.fhirBase() + "/CommunicationRequest"))
                            .timeout(Duration.ofSeconds(60)).header("Content-Type", "application/fhir+json")
                            .POST(HttpRequest.BodyPublishers.ofString(letter(l))).build(), HttpResponse.BodyHandlers.ofString());
                    if (r.statusCode() / 100 == 2) {
                        lettersAccepted.incrementAndGet();
                        break;
                    }
                } catch (IOException hubAway) {
                    // the other hub next
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                resends.incrementAndGet();
                pause();
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(200); // a sender's resend interval, not a wait for a result
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String letter(Letter l) {
        CommunicationRequest cr = new CommunicationRequest();
        Identifier id = new Identifier().setSystem(LetterFhir.JOURNAL_LETTER_ID).setValue(l.sourceId());
        id.setAssigner(new Reference().setDisplay("TakeCare"));
        cr.addIdentifier(id);
        cr.setStatus(CommunicationRequest.CommunicationRequestStatus.ACTIVE);
        cr.addExtension(LetterFhir.EXT_DOCUMENT_NAME, new StringType("Provsvar"));
        cr.setSubject(new Reference().setType("Patient").setIdentifier(new Identifier().setSystem(Fhir.PERSONNUMMER).setValue(l.patient())));
        cr.addPayload().setContent(new StringType("Hej! Dina provsvar är klara.\n\n[4US:LPAT]"));
        cr.addPayload().setContent(new Attachment().setContentType("application/pdf").setTitle("brev.pdf").setData(PDF));
        return FHIR.newJsonParser().encodeResourceToString(cr);
    }

    private static String message(SiuMessages m, String id, String patient, String mobile, LocalDateTime start, LocalDateTime sent) {
        SiuMessages msg = m.bookingId(id).start(start).minutes(20).timeType("VIDEO", "Videobesök").patient(patient);
        if (mobile != null) {
            msg = msg.patientMobile(mobile);
        }
        return msg.staff("SE2321000016-1234", "Lind").caseName("Uppföljning").messageTime(sent).build();
    }
}
