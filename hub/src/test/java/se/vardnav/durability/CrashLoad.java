package se.vardnav.durability;

import ca.uhn.fhir.context.FhirContext;
import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.CommunicationRequest;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import se.vardnav.fhir.Fhir;
import se.vardnav.letter.LetterFhir;
import se.vardnav.sim.journal.JournalSimulator;
import se.vardnav.sim.journal.SiuMessages;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * What {@link CrashRecoveryIT} streams through the hub, as the senders would: bookings over MLLP (each booked,
 * rescheduled, every third cancelled; a booking's next event only after the last one's AA), and letters over FHIR.
 * A sender that gets no answer (the hub is down, or died mid-message) sends the same message again, as journal
 * systems do, until it is acknowledged. Every acknowledgement is recorded with its time.
 */
final class CrashLoad {
    static final LocalDate FIRST_DAY = LocalDate.of(2027, 1, 11);
    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private static final byte[] PDF = "%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);

    /** One booking: its id, patient, mobile (E.164 as the gateway sees it) and the messages in the order they are sent. */
    record Booking(String id, String patient, String mobile, List<String> events, LocalDateTime finalStart, boolean cancelled) {}

    record Letter(String sourceId, String patient, String json) {}

    private final int mllpPort;
    private final String fhirBase;
    private final Duration deadline;
    final Collection<Instant> acks = new ConcurrentLinkedQueue<>();
    final Map<String, Integer> acknowledgedEvents = new ConcurrentHashMap<>();
    final Collection<String> acknowledgedLetters = new ConcurrentLinkedQueue<>();
    final Collection<String> refusals = new ConcurrentLinkedQueue<>();

    CrashLoad(int mllpPort, int httpPort, Duration deadline) {
        this.mllpPort = mllpPort;
        this.fhirBase = "http://127.0.0.1:" + httpPort + "/fhir";
        this.deadline = deadline;
    }

    static List<Booking> bookings(int count, String run, List<String> patients) {
        LocalDateTime sent = LocalDateTime.now().minusMinutes(30).withNano(0);
        List<Booking> bookings = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String id = "CRASH-" + run + "-" + i;
            String local = String.format("0706%06d", i);
            LocalDateTime booked = FIRST_DAY.plusDays(i % 20).atTime(9, 0);
            LocalDateTime moved = booked.plusDays(1).withHour(13);
            boolean cancel = i % 3 == 0;
            List<String> events = new ArrayList<>();
            events.add(message(SiuMessages.s12(), id, patients.get(i), local, booked, sent));
            events.add(message(SiuMessages.s13(), id, patients.get(i), local, moved, sent.plusMinutes(1)));
            if (cancel) {
                events.add(message(SiuMessages.s15(), id, patients.get(i), local, moved, sent.plusMinutes(2)));
            }
            bookings.add(new Booking(id, patients.get(i), "+46" + local.substring(1), events, moved, cancel));
        }
        return bookings;
    }

    private static String message(SiuMessages m, String id, String patient, String mobile, LocalDateTime start, LocalDateTime sent) {
        return m.bookingId(id).start(start).minutes(20).timeType("VIDEO", "Videobesök").patient(patient).patientMobile(mobile)
                .staff("SE2321000016-1234", "Lind").caseName("Uppföljning").messageTime(sent).build();
    }

    static List<Letter> letters(int count, List<String> patients) {
        List<Letter> letters = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String sourceId = "L-" + UUID.randomUUID();
            CommunicationRequest cr = new CommunicationRequest();
            Identifier id = new Identifier().setSystem(LetterFhir.JOURNAL_LETTER_ID).setValue(sourceId);
            id.setAssigner(new Reference().setDisplay("TakeCare"));
            cr.addIdentifier(id);
            cr.setStatus(CommunicationRequest.CommunicationRequestStatus.ACTIVE);
            cr.addExtension(LetterFhir.EXT_DOCUMENT_NAME, new StringType("Provsvar"));
            cr.setSubject(new Reference().setType("Patient").setIdentifier(new Identifier().setSystem(Fhir.PERSONNUMMER).setValue(patients.get(i))));
            cr.addPayload().setContent(new StringType("Hej! Dina provsvar är klara.\n\n[4US:LPAT]"));
            cr.addPayload().setContent(new Attachment().setContentType("application/pdf").setTitle("brev.pdf").setData(PDF));
            letters.add(new Letter(sourceId, patients.get(i), FHIR.newJsonParser().encodeResourceToString(cr)));
        }
        return letters;
    }

    /** Sends these bookings' events in order over one connection, each until its AA. */
    Thread journal(List<Booking> bookings, String name) {
        return started(name, () -> {
            Instant end = Instant.now().plus(deadline);
            try (JournalSimulator journal = new JournalSimulator("127.0.0.1", mllpPort)) {
                for (Booking b : bookings) {
                    for (String event : b.events()) {
                        while (Instant.now().isBefore(end)) {
                            try {
                                String ack = journal.send(event);
                                if (ack.contains("MSA|AA")) {
                                    acks.add(Instant.now());
                                    acknowledgedEvents.merge(b.id(), 1, Integer::sum);
                                    break;
                                }
                                refusals.add(b.id() + ": " + ack.lines().filter(l -> l.startsWith("MSA") || l.startsWith("ERR")).toList());
                            } catch (IOException hubAway) {
                                // the hub is down or died with the message: send it again, as the journal system does
                            }
                            pause();
                        }
                    }
                }
            }
        });
    }

    /** Posts the letters one after the other, each until its 201. */
    Thread letters(List<Letter> letters) {
        return started("letters", () -> {
            Instant end = Instant.now().plus(deadline);
            // signed in as the test clients are (a journal system posting letters)
            HttpClient http = se.vardnav.support.HubHttp.wrap(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build());
            for (Letter l : letters) {
                while (Instant.now().isBefore(end)) {
                    try {
                        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(fhirBase + "/CommunicationRequest"))
                                .timeout(Duration.ofSeconds(20)).header("Content-Type", "application/fhir+json")
                                .POST(HttpRequest.BodyPublishers.ofString(l.json())).build(), HttpResponse.BodyHandlers.ofString());
                        if (r.statusCode() == 201 || r.statusCode() == 200) {
                            acks.add(Instant.now());
                            acknowledgedLetters.add(l.sourceId());
                            break;
                        }
                        if (r.statusCode() < 500) {
                            refusals.add(l.sourceId() + ": " + r.statusCode());
                        }
                    } catch (IOException hubAway) {
                        // resend
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                    pause();
                }
            }
        });
    }

    int acknowledged() {
        return acknowledgedEvents.values().stream().mapToInt(Integer::intValue).sum() + acknowledgedLetters.size();
    }

    /** The first acknowledgement after this instant, if any. */
    java.util.Optional<Instant> firstAckAfter(Instant at) {
        return acks.stream().filter(a -> a.isAfter(at)).min(Instant::compareTo);
    }

    /** A sender's pause before it tries again (not a wait for a result: the hub may be down for seconds). */
    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Thread started(String name, Runnable sender) {
        Thread t = new Thread(sender, name);
        t.start();
        return t;
    }

    static <T> List<List<T>> split(List<T> all, int parts) {
        List<List<T>> out = new ArrayList<>();
        for (int p = 0; p < parts; p++) {
            List<T> part = new ArrayList<>();
            for (int i = p; i < all.size(); i += parts) {
                part.add(all.get(i));
            }
            out.add(Collections.unmodifiableList(part));
        }
        return out;
    }
}
