package se.vardnav.cluster;

import org.hl7.fhir.r4.model.Appointment;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import se.vardnav.sim.journal.JournalSimulator;
import se.vardnav.sim.journal.SiuMessages;
import se.vardnav.sim.platform.PlatformWrite;
import se.vardnav.support.TestPersons;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
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
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two hubs consume the booking queues of one broker; Artemis keeps each booking's events on one consumer (message
 * group = booking). A stream of bookings, each booked, moved twice and every third cancelled, goes to both hubs'
 * MLLP ports (journal systems connect to either); mid-stream hub A is killed with SIGKILL, so the groups it was
 * consuming move to hub B, and senders connected to A resend to B. Nothing acknowledged is lost, every booking ends
 * in the state of its last event, and no booking's events are applied on the platform out of order. PostgreSQL only.
 */
class TwoHubOrderingIT {
    private static final ZoneId SWEDEN = ZoneId.of("Europe/Stockholm");
    private static final LocalDate FIRST_DAY = LocalDate.of(2027, 3, 1);
    private static final int BOOKINGS = Integer.getInteger("twohubs.bookings", 60);
    private static final int SENDERS = 4;
    private static HubCluster cluster;

    /** One booking: its events in the order they are sent, and the state (status@start) each leaves on the platform. */
    record Booking(String id, List<String> events, List<String> states) {}

    @BeforeAll
    static void startTwoHubs() throws Exception {
        Assumptions.assumeTrue(HubCluster.postgres(),
                "two hubs share one database: run with -Ppostgres (an H2 file cannot be opened by two processes)");
        cluster = new HubCluster("ordering", List.of("vardnav.platform.consumers=4"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void eachBookingsEventsApplyInOrderAcrossTwoHubsAndTheKillOfOne() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<Booking> bookings = bookings(run);
        int events = bookings.stream().mapToInt(b -> b.events().size()).sum();
        // a platform that takes a moment per write: each hub has events of bookings in flight when one is killed
        cluster.platform.setDelay(Duration.ofMillis(15));

        Map<String, Integer> acknowledged = new ConcurrentHashMap<>();
        AtomicInteger acks = new AtomicInteger();
        Collection<String> refusals = new ConcurrentLinkedQueue<>();
        List<Thread> senders = new ArrayList<>();
        for (int s = 0; s < SENDERS; s++) {
            List<Booking> mine = new ArrayList<>();
            for (int i = s; i < bookings.size(); i += SENDERS) {
                mine.add(bookings.get(i));
            }
            int home = s % 2;
            Thread t = new Thread(() -> send(mine, home, acknowledged, acks, refusals), "journal-" + s);
            t.start();
            senders.add(t);
        }

        await("a third acknowledged").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(20)).until(() -> acks.get() >= events / 3);
        long appliedBefore = cluster.platform.writes().size();
        cluster.hub(0).process.kill(); // SIGKILL: its groups go to hub B, its senders resend to B
        System.out.printf("TwoHubOrderingIT: hub A killed after %d of %d events acknowledged, %d applied%n", acks.get(), events, appliedBefore);

        for (Thread t : senders) {
            t.join(Duration.ofMinutes(5).toMillis());
        }
        assertThat(refusals).as("refused by a hub").isEmpty();
        assertThat(acks.get()).as("every event acknowledged in the end").isEqualTo(events);

        await("every booking in its last state").atMost(Duration.ofMinutes(3)).untilAsserted(() -> {
            for (Booking b : bookings) {
                Appointment a = cluster.platform.findByBookingId(b.id()).orElseThrow(() -> new AssertionError(b.id() + " not on the platform"));
                assertThat(state(a)).as(b.id()).isEqualTo(b.states().get(b.states().size() - 1));
            }
        });
        // in order: the states a booking took on the platform follow its events (a write may repeat, never go back)
        Map<String, List<String>> applied = new ConcurrentHashMap<>();
        for (PlatformWrite w : cluster.platform.writes()) {
            applied.computeIfAbsent(w.bookingId(), k -> new ArrayList<>()).add(w.state());
        }
        for (Booking b : bookings) {
            int last = -1;
            for (String state : applied.get(b.id())) {
                int index = b.states().indexOf(state);
                assertThat(index).as(b.id() + " applied " + applied.get(b.id()) + ", events " + b.states()).isGreaterThanOrEqualTo(last);
                last = index;
            }
        }
    }

    /** Sends each booking's events in order, round by round across the bookings; on a dead hub, to the other one. */
    private static void send(List<Booking> bookings, int home, Map<String, Integer> acknowledged, AtomicInteger acks,
                             Collection<String> refusals) {
        List<JournalSimulator> hubs = List.of(new JournalSimulator("127.0.0.1", cluster.hub(0).mllpPort),
                new JournalSimulator("127.0.0.1", cluster.hub(1).mllpPort));
        int current = home;
        Instant end = Instant.now().plus(Duration.ofMinutes(4));
        int rounds = bookings.stream().mapToInt(b -> b.events().size()).max().orElse(0);
        for (int round = 0; round < rounds; round++) {
            for (Booking b : bookings) {
                if (round >= b.events().size()) {
                    continue;
                }
                while (Instant.now().isBefore(end)) {
                    try {
                        String ack = hubs.get(current).send(b.events().get(round));
                        if (ack.contains("MSA|AA")) {
                            acknowledged.merge(b.id(), 1, Integer::sum);
                            acks.incrementAndGet();
                            break;
                        }
                        refusals.add(b.id() + ": " + ack.lines().filter(l -> l.startsWith("MSA") || l.startsWith("ERR")).toList());
                        break;
                    } catch (IOException hubAway) {
                        current = 1 - current; // the journal system's other connection (a load balancer would do this)
                    }
                }
            }
        }
        hubs.forEach(JournalSimulator::close);
    }

    private static List<Booking> bookings(String run) {
        LocalDateTime sent = LocalDateTime.now().minusMinutes(30).withNano(0);
        List<Booking> bookings = new ArrayList<>();
        for (int i = 0; i < BOOKINGS; i++) {
            String id = "ORDER-" + run + "-" + i;
            String patient = TestPersons.next();
            String mobile = String.format("0707%06d", i);
            LocalDateTime booked = FIRST_DAY.plusDays(i % 20).atTime(9, 0);
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

    private static String message(SiuMessages m, String id, String patient, String mobile, LocalDateTime start, LocalDateTime sent) {
        return m.bookingId(id).start(start).minutes(20).timeType("VIDEO", "Videobesök").patient(patient).patientMobile(mobile)
                .staff("SE2321000016-1234", "Lind").caseName("Uppföljning").messageTime(sent).build();
    }

    private static String state(Appointment a) {
        return a.getStatus().toCode() + "@" + a.getStart().toInstant();
    }
}
