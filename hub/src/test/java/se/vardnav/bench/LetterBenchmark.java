package se.vardnav.bench;

import static se.vardnav.bench.BenchSupport.freePort;

import org.springframework.jdbc.core.JdbcTemplate;
import se.vardnav.sim.mailbox.KivraSimulator;
import se.vardnav.sim.mailbox.MailboxSimProperties;
import se.vardnav.sim.mailbox.MinaMeddelandenSimulator;
import se.vardnav.sim.mailbox.OperatorSimulator;
import se.vardnav.sim.platform.PlatformSimulator;
import se.vardnav.sim.register.RegisterSimulator;
import se.vardnav.sim.sms.HttpSmsGatewaySimulator;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static se.vardnav.bench.BookingLoad.percentileMs;

/**
 * Letters through the whole flow: the hub alone in its own JVM ({@link BenchHubs}: temp data dir, embedded broker,
 * H2 file database), the platform, register, SMS gateway and mailbox simulators (Mina meddelanden Recipient service,
 * Min myndighetspost over signed SOAP, Kivra over REST) on free ports. N e-brev with a distinct ~100 KiB
 * PDF each are posted (from this JVM) to {@code POST /fhir/CommunicationRequest} by several client threads; the run ends
 * when the database says every letter is routed and no platform or mailbox leg is pending. Prints letters/s
 * (intake and end to end), intake latency, memory, broker and document store size, counts per channel;
 * exits 1 only if a letter did not reach each channel its recipient calls for. See docs/benchmarks.md.
 */
public final class LetterBenchmark {
    static final int N = Integer.getInteger("bench.letters", 50_000);
    static final int WARMUP = Integer.getInteger("bench.warmup", Math.min(500, Math.max(20, N / 10)));
    static final int CLIENTS = Integer.getInteger("bench.clients", 4);
    static final int PDF_KIB = Integer.getInteger("bench.pdfKiB", 100);
    static final int PATIENTS = Integer.getInteger("bench.patientsPerKind", 500);
    static final int SMS_RATE = Integer.getInteger("bench.smsRate", 1_000);
    static final long MAX_WAIT_SECONDS = Long.getLong("bench.maxWaitSeconds", 1_800);
    /** The hub in its own JVM (default), so its memory and CPU are its own; false: in this JVM with the simulators. */
    static final int RAW_MESSAGES = Integer.getInteger("bench.rawMessages", Math.min(N, 20_000));

    private LetterBenchmark() {}

    public static void main(String[] args) throws Exception {
        Report report = new Report();
        report.machine(LocalDateTime.now());
        Path data = java.nio.file.Files.createTempDirectory("vardnav-bench-letters");
        PlatformSimulator platform = new PlatformSimulator(0).start();
        RegisterSimulator register = new RegisterSimulator(0).start();
        HttpSmsGatewaySimulator sms = new HttpSmsGatewaySimulator(0).start();
        MinaMeddelandenSimulator mailboxes = new MinaMeddelandenSimulator(0).start();
        KivraSimulator kivra = new KivraSimulator(0, "vardnav-bench", "vardnav", "kivra-bench-secret").start();
        mailboxes.addOperator(LetterLoad.KIVRA, "Kivra"); // listed by the Recipient service; its letters go to the Kivra simulator
        OperatorSimulator minMyndighetspost = mailboxes.addOperator(LetterLoad.MIN_MYNDIGHETSPOST, "Min myndighetspost");

        String runId = UUID.randomUUID().toString().substring(0, 8);
        long tGen = System.nanoTime();
        LetterLoad load = new LetterLoad(PDF_KIB, PATIENTS, runId);
        load.setUp(platform, mailboxes, kivra);
        double genSeconds = (System.nanoTime() - tGen) / 1e9;

        String brokerUrl = "tcp://127.0.0.1:" + freePort();
        List<String> hubArgs = new ArrayList<>(List.of(
                "--server.port=0",
                "--vardnav.data-dir=" + data,
                "--vardnav.broker.acceptor=" + brokerUrl,
                "--vardnav.broker.url=" + brokerUrl,
                "--vardnav.journal.mllp.port=" + freePort(),
                "--vardnav.platform.base-url=" + platform.baseUrl(),
                "--vardnav.register.url=" + register.endpointUrl(),
                "--vardnav.sms.base-url=" + sms.baseUrl(),
                "--vardnav.sms.user=" + HttpSmsGatewaySimulator.DEFAULT_USER,
                "--vardnav.sms.password=" + HttpSmsGatewaySimulator.DEFAULT_PASSWORD,
                "--vardnav.sms.rate-per-second=" + SMS_RATE,
                "--logging.file.name=" + data.resolve("hub.log"),
                "--logging.threshold.console=WARN"));
        MailboxSimProperties.of(mailboxes, kivra, LetterLoad.KIVRA).forEach((k, v) -> hubArgs.add("--" + k + "=" + v));
        // the flow's consumer counts stay as application.yml has them unless asked: -Dbench.letterRoutingConsumers=…
        passThrough(hubArgs, "bench.letterRoutingConsumers", "vardnav.letter.routing-consumers");
        passThrough(hubArgs, "bench.letterPlatformConsumers", "vardnav.letter.platform-consumers");
        passThrough(hubArgs, "bench.letterMailboxConsumers", "vardnav.letter.mailbox-consumers");
        passThrough(hubArgs, "bench.smsConsumers", "vardnav.sms.consumers");

        BenchHub hub;
        try {
            hub = BenchHubs.start(hubArgs, data, report);
        } catch (Exception e) {
            platform.close();
            register.close();
            sms.close();
            kivra.close();
            mailboxes.close();
            throw e;
        }
        String fhirBase = hub.fhirBase();
        BenchHub env = hub;
        report.line("config           N=%d letters (+%d warm-up), %d clients, PDF %d bytes each (distinct, incompressible), %d patients per kind",
                N, WARMUP, CLIENTS, load.pdfBytes(), PATIENTS);
        report.line("                 consumers routing=%s platform=%s mailbox=%s per operator, sms=%s at ≤ %d SMS/s; recipients per 20 letters:"
                        + " 12 platform, 2 platform+Kivra, 2 platform+Min myndighetspost, 1 Kivra, 1 Min myndighetspost, 1 neither, 1 reservnummer",
                env.property("vardnav.letter.routing-consumers"), env.property("vardnav.letter.platform-consumers"),
                env.property("vardnav.letter.mailbox-consumers"), env.property("vardnav.sms.consumers"), SMS_RATE);
        report.line("                 test data set up in %.2f s (PDF blocks, accounts, mailboxes)", genSeconds);
        report.line("data dir         %s", data);

        JdbcTemplate jdbc = hub.jdbc();
        LetterSinks sinks = new LetterSinks(platform, mailboxes, kivra);
        LetterSampler sampler = new LetterSampler(data.resolve("artemis"), data.resolve("letters"), sinks, hub).start();
        String jvm = hub.shared() ? "whole JVM: hub + simulators + clients" : "hub JVM only";
        boolean complete = true;
        try {
            BenchHubs.rawBroker(report, hub, brokerUrl, RAW_MESSAGES, CLIENTS, MAX_WAIT_SECONDS);
            if (WARMUP > 0) {
                load.post(fhirBase, 0, WARMUP, CLIENTS);
                complete &= awaitFinal(jdbc, WARMUP) > 0;
                report.line("warm-up          %d letters through", WARMUP);
            }
            sampler.resetPeaks();
            Map<String, Long> cpuBefore = hub.cpuByGroup();
            long processCpuBefore = hub.processCpuNanos();
            long ownCpuBefore = HubProcess.processCpuNanos();
            LetterLoad.Posted posted = load.post(fhirBase, WARMUP, WARMUP + N, CLIENTS);
            long finalAt = awaitFinal(jdbc, WARMUP + N);
            complete &= finalAt > 0;
            double intakeSeconds = (posted.endNanos() - posted.startNanos()) / 1e9;
            double e2eSeconds = ((finalAt > 0 ? finalAt : System.nanoTime()) - posted.startNanos()) / 1e9;
            long[] ok = Arrays.stream(posted.latencyMicros()).filter(l -> l >= 0).toArray();
            Map<Integer, Long> statuses = new java.util.TreeMap<>();
            Arrays.stream(posted.status()).forEach(s -> statuses.merge(s, 1L, Long::sum));
            report.line("intake           %d letters posted in %.2f s → %.0f letters/s (%.1f MiB/s of PDF); HTTP %s, client retries %d",
                    N, intakeSeconds, N / intakeSeconds, N * (double) load.pdfBytes() / intakeSeconds / (1 << 20), statuses, posted.retries());
            report.line("  latency        POST → 201 p50 %.1f ms, p99 %.1f ms, max %.1f ms", percentileMs(ok, 50), percentileMs(ok, 99),
                    percentileMs(ok, 100));
            report.line("end to end       first POST → every letter in its final channel(s) %.2f s → %.0f letters/s%s", e2eSeconds,
                    N / e2eSeconds, finalAt > 0 ? "" : " (GAVE UP WAITING)");
            Map<String, Long> cpuAfter = hub.cpuByGroup();
            long processCpu = hub.processCpuNanos() - processCpuBefore;
            long ownCpu = HubProcess.processCpuNanos() - ownCpuBefore;
            report.line("CPU              %s %.1f s over the run = %.1f ms per letter (%.2f of %d cores busy on average); by thread group (ms per letter):",
                    jvm, processCpu / 1e9, processCpu / 1e6 / N, processCpu / 1e9 / e2eSeconds, Runtime.getRuntime().availableProcessors());
            long inThreads = 0;
            for (var e : cpuAfter.entrySet()) {
                long used = e.getValue() - cpuBefore.getOrDefault(e.getKey(), 0L);
                if (used > 0) {
                    inThreads += used;
                    report.line("  %-44s %6.1f ms  (%4.1f %%)", e.getKey(), used / 1e6 / N, 100.0 * used / processCpu);
                }
            }
            report.line("  %-44s %6.1f ms  (%4.1f %%)", "not in Java threads (GC, JIT compiler)", (processCpu - inThreads) / 1e6 / N,
                    100.0 * (processCpu - inThreads) / processCpu);
            if (!hub.shared()) {
                report.line("  %-44s %6.1f ms  (not in the figure above)", "benchmark JVM (simulators, clients, GC)", ownCpu / 1e6 / N);
            }
            long smsExpected = java.util.stream.IntStream.range(0, WARMUP + N).filter(i -> LetterLoad.smsExpected(LetterLoad.recipientOf(i))).count();
            long smsAt = awaitSms(sms, smsExpected);
            report.line("SMS              %d of %d \"letter arrived\" SMS at the gateway, last %.2f s after the first POST (rate limit %d/s)",
                    sms.received().size(), smsExpected, ((smsAt > 0 ? smsAt : System.nanoTime()) - posted.startNanos()) / 1e9, SMS_RATE);
            sampler.sampleNow();
            sinks.drain();
            report.line("memory (peak)    VmHWM %d MiB, VmRSS peak %d MiB (sampled 1/s), heap used peak %d MiB of max %d MiB — %s",
                    sampler.hwmKiB() >> 10, sampler.peakRssKiB() >> 10, sampler.peakHeap() >> 20, hub.heapMax() >> 20, jvm);
            if (!hub.shared()) {
                report.line("                 benchmark JVM (simulators + clients): VmHWM %d MiB", LetterSampler.status("VmHWM") >> 10);
            }
            report.line("broker data dir  at end %.1f MiB, peak %.1f MiB (sampled 1/s)", sampler.brokerBytes() / 1048576.0, sampler.peakBrokerBytes() / 1048576.0);
            report.line("document store   at end %.1f MiB (%d files), peak %.1f MiB (sampled 1/5 s)", sampler.documentBytes() / 1048576.0,
                    sampler.documentFiles(), sampler.peakDocumentBytes() / 1048576.0);
            complete &= verify(jdbc, report, runId, WARMUP + N, sinks, kivra, minMyndighetspost);
            hub.afterRun().forEach(l -> report.line("%s", l));
            report.hubLog(data.resolve("hub.log"));
        } finally {
            sampler.close();
            hub.close();
            platform.close();
            register.close();
            sms.close();
            kivra.close();
            mailboxes.close();
        }
        report.print("Vårdnav letter benchmark (FHIR intake → routing → platform / mailboxes / print list)");
        System.exit(complete ? 0 : 1);
    }

    /** nanoTime when every letter is routed and no platform or mailbox leg is pending; 0 when given up. */
    static long awaitFinal(JdbcTemplate jdbc, int total) throws InterruptedException {
        long deadline = System.nanoTime() + MAX_WAIT_SECONDS * 1_000_000_000L;
        while (System.nanoTime() < deadline) {
            Integer routed = jdbc.queryForObject("SELECT COUNT(*) FROM letter WHERE routing_status <> 'RECEIVED'", Integer.class);
            Integer pending = jdbc.queryForObject("SELECT COUNT(*) FROM letter_delivery WHERE channel <> 'print' AND status = 'PENDING'", Integer.class);
            if (routed != null && routed >= total && pending != null && pending == 0) {
                return System.nanoTime();
            }
            Thread.sleep(200);
        }
        System.err.println("gave up waiting for the letters to reach their channels");
        return 0;
    }

    private static long awaitSms(HttpSmsGatewaySimulator sms, long expected) throws InterruptedException {
        long deadline = System.nanoTime() + MAX_WAIT_SECONDS * 1_000_000_000L;
        while (sms.received().size() < expected) {
            if (System.nanoTime() > deadline) {
                return 0;
            }
            Thread.sleep(200);
        }
        return System.nanoTime();
    }

    /** Each letter against its recipient's expected channels, in the database and at the peers. */
    private static boolean verify(JdbcTemplate jdbc, Report report, String runId, int total, LetterSinks sinks,
                                  KivraSimulator kivra, OperatorSimulator mm) {
        Map<String, Set<String>> reached = new HashMap<>();
        Map<String, String> hubIds = new HashMap<>();
        jdbc.query("SELECT l.source_letter_id, l.id, d.channel, d.status FROM letter l LEFT JOIN letter_delivery d ON d.letter_id = l.id",
                rs -> {
                    String src = rs.getString(1);
                    hubIds.put(src, rs.getString(2));
                    Set<String> ch = reached.computeIfAbsent(src, k -> new HashSet<>());
                    String channel = rs.getString(3), status = rs.getString(4);
                    if (channel != null && ("DELIVERED".equals(status) || "print".equals(channel) && "PENDING".equals(status))) {
                        ch.add(channel);
                    }
                });
        int lost = 0, wrong = 0;
        for (int i = 0; i < total; i++) {
            Set<String> got = reached.get(LetterLoad.sourceLetterId(runId, i));
            Set<String> want = LetterLoad.recipientOf(i).channels;
            if (got == null || !got.containsAll(want)) {
                lost++;
            } else if (!got.equals(want)) {
                wrong++;
            }
        }
        Map<String, Long> perChannel = new java.util.TreeMap<>();
        jdbc.query("SELECT channel, status, COUNT(*) FROM letter_delivery GROUP BY channel, status",
                rs -> { perChannel.put(rs.getString(1) + " " + rs.getString(2), rs.getLong(3)); });
        Integer printItems = jdbc.queryForObject("SELECT COUNT(*) FROM print_item", Integer.class);
        long platformHas = hubIds.values().stream().filter(sinks.atPlatform()::contains).count();
        report.line("channels (db)    %s; print_item rows %d (warm-up included)", perChannel, printItems);
        report.line("at the peers     platform %d letters, Kivra %d contents, Min myndighetspost %d deliveries (distinct references %d)",
                platformHas, kivra.contents().size(), mm.deliveries().size(),
                mm.deliveries().stream().map(d -> d.reference()).distinct().count());
        report.line("letters          %d of %d in the database; lost (a channel missing) %d, extra channels %d", reached.size(), total, lost, wrong);
        return lost == 0;
    }

    private static void passThrough(List<String> args, String benchKey, String hubKey) {
        String v = System.getProperty(benchKey);
        if (v != null && !v.isBlank()) {
            args.add("--" + hubKey + "=" + v);
        }
    }

}
