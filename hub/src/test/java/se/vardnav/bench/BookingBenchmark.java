package se.vardnav.bench;

import static se.vardnav.bench.BenchSupport.freePort;

import se.vardnav.sim.platform.PlatformSimulator;

import se.vardnav.sim.register.RegisterSimulator;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.UUID;

/**
 * Bookings through the hub, the hub alone in its own JVM ({@link BenchHubs}), the register and platform simulators and
 * the MLLP load in this one: start-up, a raw JMS baseline against the hub's embedded broker, a throughput run
 * (MLLP in → visit platform out) and a latency run at a fixed rate, each with the hub's CPU per booking. Prints
 * figures, asserts nothing about timing; exits 1 only when bookings were refused or never reached the platform.
 * See docs/benchmarks.md.
 */
public final class BookingBenchmark {
    static final int N = Integer.getInteger("bench.bookings", 20_000);
    static final int CONNECTIONS = Integer.getInteger("bench.connections", 4);
    static final int RATE = Integer.getInteger("bench.rate", 100);
    static final int LATENCY_SECONDS = Integer.getInteger("bench.latencySeconds", 20);
    static final int WARMUP = Integer.getInteger("bench.warmup", Math.min(1_000, N / 10));
    static final int RAW_MESSAGES = Integer.getInteger("bench.rawMessages", N);
    static final int PLATFORM_CONSUMERS = Integer.getInteger("bench.platformConsumers", 8);
    static final int JOURNAL_CONSUMERS = Integer.getInteger("bench.journalConsumers", 8);
    static final long MAX_WAIT_SECONDS = Long.getLong("bench.maxWaitSeconds", 300);

    private BookingBenchmark() {}

    public static void main(String[] args) throws Exception {
        Report report = new Report();
        report.machine(LocalDateTime.now());
        Path data = Files.createTempDirectory("vardnav-bench");
        int brokerPort = freePort();
        int mllpPort = freePort();
        String runId = UUID.randomUUID().toString().substring(0, 8);
        String brokerUrl = "tcp://127.0.0.1:" + brokerPort;
        // the peers first (in this JVM); the hub then starts cold in its own JVM and loads none of their classes
        RegisterSimulator register = new RegisterSimulator(0).start();
        PlatformSimulator platform = new PlatformSimulator(0).start();
        List<String> hubArgs = List.of(
                "--server.port=0",
                "--vardnav.data-dir=" + data,
                "--vardnav.broker.acceptor=" + brokerUrl,
                "--vardnav.broker.url=" + brokerUrl,
                "--vardnav.journal.mllp.port=" + mllpPort,
                // each phase of the load opens its own connections from 127.0.0.1 (warm-up, burst, paced)
                "--vardnav.journal.mllp.max-connections=" + Math.max(20, 4 * CONNECTIONS),
                "--vardnav.journal.mllp.max-connections-per-peer=" + Math.max(20, 4 * CONNECTIONS),
                "--vardnav.platform.base-url=" + platform.baseUrl(),
                "--vardnav.register.url=" + register.endpointUrl(),
                "--vardnav.register.cache-ttl=60s",
                "--vardnav.platform.consumers=" + PLATFORM_CONSUMERS,
                "--vardnav.journal.consumers=" + JOURNAL_CONSUMERS,
                "--logging.file.name=" + data.resolve("hub.log"),
                "--logging.threshold.console=WARN");
        BenchHub hub;
        try {
            hub = BenchHubs.start(hubArgs, data, report);
        } catch (Exception e) {
            platform.close();
            register.close();
            throw e;
        }
        report.config(N, CONNECTIONS, RATE, LATENCY_SECONDS, WARMUP, PLATFORM_CONSUMERS, JOURNAL_CONSUMERS, "simulator", data);

        BookingLoad load = new BookingLoad("127.0.0.1", mllpPort, CONNECTIONS, runId);
        boolean complete = true;
        try {
            if (WARMUP > 0) {
                List<BookingLoad.Sent> warm = load.burst(WARMUP);
                complete &= BenchSupport.until("the platform (writes)", platform::writeCount, WARMUP, Duration.ofSeconds(MAX_WAIT_SECONDS));
                report.warmup(BookingLoad.match(warm, platform.writes()));
            }
            // after the warm-up, so that the broker's code is as warm for the raw messages as for the bookings
            BenchHubs.rawBroker(report, hub, brokerUrl, RAW_MESSAGES, CONNECTIONS, MAX_WAIT_SECONDS);

            BenchHubs.Cpu cpu = BenchHubs.cpu(hub);
            List<BookingLoad.Sent> burst = load.burst(N);
            complete &= BenchSupport.until("the platform (writes)", platform::writeCount, WARMUP + N, Duration.ofSeconds(MAX_WAIT_SECONDS));
            BookingLoad.Matched throughput = BookingLoad.match(burst, platform.writes());
            report.throughput(N, throughput);
            cpu.report(report, "", N, "booking");

            int paced = RATE * LATENCY_SECONDS;
            cpu = BenchHubs.cpu(hub);
            List<BookingLoad.Sent> latency = load.paced(paced, RATE);
            complete &= BenchSupport.until("the platform (writes)", platform::writeCount, WARMUP + N + paced, Duration.ofSeconds(MAX_WAIT_SECONDS));
            report.latency(RATE, LATENCY_SECONDS, BookingLoad.match(latency, platform.writes()));
            cpu.report(report, "", paced, "booking");

            BenchHubs.memory(report, hub);
            hub.afterRun().forEach(l -> report.line("%s", l));
            report.line("load avg (end)   %s", Report.loadAverage());
            report.hubLog(data.resolve("hub.log"));
            complete &= report.allDelivered();
        } finally {
            load.close();
            hub.close();
            platform.close();
            register.close();
        }
        report.print();
        System.exit(complete ? 0 : 1);
    }
}
