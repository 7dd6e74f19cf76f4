package se.vardnav.bench;

import se.vardnav.identity.Personnummer;
import se.vardnav.sim.journal.JournalSimulator;
import se.vardnav.sim.journal.SiuMessages;
import se.vardnav.sim.platform.PlatformWrite;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Sends SIU S12 video bookings over MLLP and matches them with the platform's writes. */
final class BookingLoad {
    /** One booking: when it was sent (or due, in a paced run), when its ACK came, whether it was AA. */
    record Sent(String bookingId, Instant sentAt, Instant ackAt, boolean accepted) {}

    record Matched(long[] ackToPlatformMicros, long[] sendToAckMicros, int lost, int refused,
                   Instant firstSend, Instant lastWrite) {}

    private static final DateTimeFormatter YYMMDD = DateTimeFormatter.ofPattern("yyMMdd");
    private static final LocalDate FIRST_BIRTH = LocalDate.of(1940, 1, 1);
    private final String host;
    private final int port;
    private final int connections;
    private final String runId;
    private final LocalDateTime start = LocalDateTime.now().plusDays(14).withHour(9).withMinute(0).withSecond(0).withNano(0);
    private final AtomicInteger sequence = new AtomicInteger();
    private final Collection<JournalSimulator> journals = new ConcurrentLinkedQueue<>();

    BookingLoad(String host, int port, int connections, String runId) {
        this.host = host;
        this.port = port;
        this.connections = connections;
        this.runId = runId;
    }

    /** {@code count} bookings over all connections, each sending its next as soon as its ACK is in. */
    List<Sent> burst(int count) throws InterruptedException {
        List<Sent> sent = new ArrayList<>(count);
        AtomicInteger left = new AtomicInteger(count);
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            JournalSimulator journal = newJournal();
            Thread t = new Thread(() -> {
                List<Sent> mine = new ArrayList<>();
                while (left.getAndDecrement() > 0) {
                    mine.add(send(journal, sequence.getAndIncrement(), Instant.now()));
                }
                synchronized (sent) {
                    sent.addAll(mine);
                }
            }, "mllp-sender-" + c);
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        return sent;
    }

    /** {@code count} bookings at a fixed rate; a scheduler hands each due booking to one of the connections. */
    List<Sent> paced(int count, int perSecond) throws InterruptedException {
        ExecutorService senders = Executors.newFixedThreadPool(connections);
        ThreadLocal<JournalSimulator> journal = ThreadLocal.withInitial(this::newJournal);
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        Collection<Sent> sent = new ConcurrentLinkedQueue<>();
        CountDownLatch done = new CountDownLatch(count);
        AtomicInteger due = new AtomicInteger();
        ScheduledFuture<?> ticks = scheduler.scheduleAtFixedRate(() -> {
            if (due.getAndIncrement() < count) {
                Instant dueAt = Instant.now(); // latency counts from when it was due, not when a connection was free
                int seq = sequence.getAndIncrement();
                senders.execute(() -> {
                    sent.add(send(journal.get(), seq, dueAt));
                    done.countDown();
                });
            }
        }, 0, 1_000_000_000L / perSecond, TimeUnit.NANOSECONDS);
        done.await();
        ticks.cancel(false);
        scheduler.shutdown();
        senders.shutdown();
        return new ArrayList<>(sent);
    }

    private JournalSimulator newJournal() {
        JournalSimulator j = new JournalSimulator(host, port);
        journals.add(j);
        return j;
    }

    private Sent send(JournalSimulator journal, int seq, Instant sentAt) {
        String bookingId = "BENCH-" + runId + "-" + seq;
        String er7 = SiuMessages.s12().bookingId(bookingId).start(start.plusMinutes(seq % 480)).minutes(20)
                .timeType("VIDEO", "Videobesök").patient(personnummer(seq))
                .staff("SE2321000016-1234", "Lind").unit("SE2321000016-A1B2").caseName("Uppföljning").build();
        try {
            String ack = journal.send(er7);
            return new Sent(bookingId, sentAt, Instant.now(), ack.contains("MSA|AA"));
        } catch (IOException e) {
            return new Sent(bookingId, sentAt, Instant.now(), false);
        }
    }

    /** Distinct valid personnummer: birth date advances every 999 numbers, serial 001..999. */
    static String personnummer(int seq) {
        String nine = FIRST_BIRTH.plusDays(seq / 999).format(YYMMDD) + String.format("%03d", seq % 999 + 1);
        return "19" + nine + Personnummer.luhn(nine);
    }

    /** Pairs each accepted booking with its first platform write. */
    static Matched match(List<Sent> sent, List<PlatformWrite> writes) {
        Map<String, Instant> written = new HashMap<>();
        for (PlatformWrite w : writes) {
            written.putIfAbsent(w.bookingId(), w.receivedAt());
        }
        long[] toPlatform = new long[sent.size()];
        long[] toAck = new long[sent.size()];
        int n = 0;
        int lost = 0;
        int refused = 0;
        Instant firstSend = null;
        Instant lastWrite = null;
        for (Sent s : sent) {
            if (firstSend == null || s.sentAt().isBefore(firstSend)) {
                firstSend = s.sentAt();
            }
            if (!s.accepted()) {
                refused++;
                continue;
            }
            Instant w = written.get(s.bookingId());
            if (w == null) {
                lost++;
                continue;
            }
            if (lastWrite == null || w.isAfter(lastWrite)) {
                lastWrite = w;
            }
            toPlatform[n] = micros(s.ackAt(), w);
            toAck[n++] = micros(s.sentAt(), s.ackAt());
        }
        return new Matched(Arrays.copyOf(toPlatform, n), Arrays.copyOf(toAck, n), lost, refused, firstSend, lastWrite);
    }

    static long micros(Instant from, Instant to) {
        return (to.getEpochSecond() - from.getEpochSecond()) * 1_000_000L + (to.getNano() - from.getNano()) / 1000;
    }

    /** Nearest-rank percentile in milliseconds. */
    static double percentileMs(long[] micros, double p) {
        if (micros.length == 0) {
            return Double.NaN;
        }
        long[] sorted = micros.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))] / 1000.0;
    }

    void close() {
        journals.forEach(JournalSimulator::close);
    }
}
