package se.vardnav.bench;

import static se.vardnav.bench.BenchSupport.freePort;

import se.vardnav.sim.platform.PlatformSimulator;
import se.vardnav.sim.register.RegisterSimulator;
import se.vardnav.sim.smpp.SmppSimulator;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.UUID;

import static se.vardnav.bench.BookingLoad.percentileMs;

/**
 * Reminders fired through SMPP: the hub (vardnav.sms.protocol=smpp), alone in its own JVM ({@link BenchHubs}), against
 * the project's SMPP simulator in this one, N reminders planned with the hub's own Reminders bean and due evenly over a short
 * window. Measures hand-off (reminder table → notify.sms), sends/s at the SMSC, lateness of each
 * reminder (SMSC receipt of its submit_sm − due), the hub's CPU per SMS, its memory and the raw broker rate. Asserts nothing about timing; exits 1
 * only if a reminder never reached the SMSC or reached it twice. See docs/benchmarks.md.
 */
public final class ReminderBenchmark {
    static final int N = Integer.getInteger("bench.reminders", 10_000);
    static final int WARMUP = Integer.getInteger("bench.warmup", Math.min(1_000, N / 10));
    static final Duration WINDOW = Duration.ofMillis(Long.getLong("bench.windowMs", 5_000));
    static final int RATE = Integer.getInteger("bench.smsRate", 100);
    static final int CONSUMERS = Integer.getInteger("bench.smsConsumers", 2);
    static final long POLL_MS = Long.getLong("bench.pollMs", 1_000);
    static final Duration LEAD = Duration.ofSeconds(Long.getLong("bench.leadSeconds", 30));
    static final long MAX_WAIT_SECONDS = Long.getLong("bench.maxWaitSeconds", 600);
    static final int RAW_MESSAGES = Integer.getInteger("bench.rawMessages", Math.min(N, 20_000));

    private ReminderBenchmark() {}

    public static void main(String[] args) throws Exception {
        Report report = new Report();
        report.machine(LocalDateTime.now());
        Path data = Files.createTempDirectory("vardnav-bench-reminders");
        SmppSimulator smsc = new SmppSimulator("vardnav", "bench", 0).start();
        // each reminder's patient is asked about again before it goes out (register, platform account)
        RegisterSimulator register = new RegisterSimulator(0).start();
        PlatformSimulator platform = new PlatformSimulator(0).start();
        String brokerUrl = "tcp://127.0.0.1:" + freePort();
        List<String> hubArgs = List.of(
                "--server.port=0",
                "--vardnav.data-dir=" + data,
                "--vardnav.broker.acceptor=" + brokerUrl,
                "--vardnav.broker.url=" + brokerUrl,
                "--vardnav.journal.mllp.port=" + freePort(),
                "--vardnav.platform.base-url=http://127.0.0.1:" + platform.port() + "/platform/fhir",
                "--vardnav.register.url=" + register.endpointUrl(),
                "--vardnav.sms.protocol=smpp",
                "--vardnav.sms.smpp.host=127.0.0.1",
                "--vardnav.sms.smpp.port=" + smsc.port(),
                "--vardnav.sms.smpp.system-id=vardnav",
                "--vardnav.sms.smpp.password=bench",
                "--vardnav.sms.rate-per-second=" + RATE,
                "--vardnav.sms.consumers=" + CONSUMERS,
                "--vardnav.notification.reminder-poll-ms=" + POLL_MS,
                "--logging.file.name=" + data.resolve("hub.log"),
                "--logging.threshold.console=WARN");
        BenchHub hub;
        try {
            hub = BenchHubs.start(hubArgs, data, report);
        } catch (Exception e) {
            smsc.close();
            register.close();
            platform.close();
            throw e;
        }
        report.line("config           N=%d, warm-up=%d, due window %d ms, rate limit %d SMS/s, notify.sms consumers %d, poll %d ms, lead %d s",
                N, WARMUP, WINDOW.toMillis(), RATE, CONSUMERS, POLL_MS, LEAD.toSeconds());
        report.line("data dir         %s", data);

        ReminderLoad load = new ReminderLoad(hub, UUID.randomUUID().toString().substring(0, 8));
        boolean complete = true;
        try {
            BenchHubs.rawBroker(report, hub, brokerUrl, RAW_MESSAGES, 4, MAX_WAIT_SECONDS);
            if (WARMUP > 0) {
                ReminderLoad.Planned warm = load.plan(WARMUP, Instant.now(), Duration.ZERO);
                complete &= BenchSupport.until("the SMSC", smsc::receivedCount, WARMUP, Duration.ofSeconds(MAX_WAIT_SECONDS));
                ReminderLoad.Matched m = ReminderLoad.match(warm, smsc.received());
                report.line("warm-up          %d reminders, missing %d, doubled %d", WARMUP, m.missing(), m.duplicates());
            }
            int before = smsc.receivedCount();
            hub.resetPeaks();

            Instant firstDue = Instant.now().plus(LEAD);
            ReminderLoad.Planned planned = load.plan(N, firstDue, WINDOW);
            report.line("planned          %d reminders in %.2f s (%.0f/s through Reminders.plan); first due %.1f s after planning ended",
                    N, planned.planTime().toNanos() / 1e9, N / (planned.planTime().toNanos() / 1e9),
                    Duration.between(Instant.now(), firstDue).toMillis() / 1e3);

            // the hub's CPU from the first due instant: firing and sending, not the idle lead before it
            Thread.sleep(Math.max(0, Duration.between(Instant.now(), firstDue).toMillis()));
            BenchHubs.Cpu cpu = BenchHubs.cpu(hub);
            Instant handedOff = awaitHandOff(load, planned);
            complete &= BenchSupport.until("the SMSC", smsc::receivedCount, before + N, Duration.ofSeconds(MAX_WAIT_SECONDS));
            ReminderLoad.Matched m = ReminderLoad.match(planned, smsc.received());
            long[] late = m.latenessMicros();
            double sendSeconds = m.lastReceived() == null ? Double.NaN
                    : Duration.between(m.firstReceived(), m.lastReceived()).toNanos() / 1e9;
            report.line("hand-off         all %d in reminder table → notify.sms %.2f s after the last one was due", N,
                    handedOff == null ? Double.NaN : Duration.between(planned.lastDue(), handedOff).toMillis() / 1e3);
            report.line("SMSC             %d received, first → last %.2f s → %.0f sends/s", late.length, sendSeconds, late.length / sendSeconds);
            report.line("lateness         (submit_sm at SMSC − due) p50 %.0f ms, p99 %.0f ms, max %.0f ms; within 5 s: %d of %d",
                    percentileMs(late, 50), percentileMs(late, 99), percentileMs(late, 100),
                    java.util.Arrays.stream(late).filter(l -> l <= 5_000_000).count(), N);
            report.line("                 missing %d, sent twice %d", m.missing(), m.duplicates());
            complete &= m.missing() == 0 && m.duplicates() == 0;

            cpu.report(report, "", N, "reminder SMS");
            if (hub instanceof ChildHub child) {
                report.line("peak heap        %d MiB during the measured run (sum of the hub's heap pools' peaks)", child.heapPoolPeaks() >> 20);
            }
            BenchHubs.memory(report, hub);
            hub.afterRun().forEach(l -> report.line("%s", l));
            report.line("load avg (end)   %s", Report.loadAverage());
            report.hubLog(data.resolve("hub.log"));
        } finally {
            hub.close();
            smsc.close();
            register.close();
            platform.close();
        }
        report.print("Vårdnav reminder benchmark (SMPP)");
        System.exit(complete ? 0 : 1);
    }

    /** When the reminder table had nothing of this run left to hand to notify.sms (polled every 20 ms). */
    private static Instant awaitHandOff(ReminderLoad load, ReminderLoad.Planned planned) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(MAX_WAIT_SECONDS).toNanos();
        while (Instant.now().isBefore(planned.lastDue()) || load.notHandedOff() > 0) {
            if (System.nanoTime() > deadline) {
                System.err.printf("gave up waiting: %d reminders not handed off%n", load.notHandedOff());
                return null;
            }
            Thread.sleep(20);
        }
        return Instant.now();
    }


}
