package se.vardnav.bench;

import static se.vardnav.bench.BenchSupport.freePort;

import se.vardnav.sim.platform.PlatformSimulator;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import se.vardnav.VardnavApplication;
import se.vardnav.sim.register.RegisterSimulator;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.UUID;

/**
 * Benchmark of the whole hub in this JVM: start-up, a raw JMS baseline against its embedded broker,
 * a throughput run (MLLP in → visit platform out) and a latency run at a fixed rate. Prints figures,
 * asserts nothing about timing; exits 1 only when bookings were refused or never reached the platform.
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
        int platformPort = freePort();
        int registerPort = freePort();
        String runId = UUID.randomUUID().toString().substring(0, 8);
        String brokerUrl = "tcp://127.0.0.1:" + brokerPort;
        String[] hubArgs = {
                "--server.port=0",
                "--vardnav.data-dir=" + data,
                "--spring.datasource.url=jdbc:h2:file:" + data.resolve("db/vardnav"),
                "--vardnav.broker.acceptor=" + brokerUrl,
                "--vardnav.broker.url=" + brokerUrl,
                "--vardnav.journal.mllp.port=" + mllpPort,
                // each phase of the load opens its own connections from 127.0.0.1 (warm-up, burst, paced)
                "--vardnav.journal.mllp.max-connections=" + Math.max(20, 4 * CONNECTIONS),
                "--vardnav.journal.mllp.max-connections-per-peer=" + Math.max(20, 4 * CONNECTIONS),
                "--vardnav.platform.base-url=http://127.0.0.1:" + platformPort + "/platform/fhir",
                "--vardnav.register.url=http://127.0.0.1:" + registerPort + RegisterSimulator.CONTEXT_PATH + RegisterSimulator.SERVICE_PATH,
                "--vardnav.register.cache-ttl=60s",
                "--vardnav.platform.consumers=" + PLATFORM_CONSUMERS,
                "--vardnav.journal.consumers=" + JOURNAL_CONSUMERS,
                "--logging.file.name=" + data.resolve("hub.log"),
                "--logging.threshold.console=WARN",
        };

        // The hub first, in a cold JVM, so that start-up is not flattered by classes the simulators loaded.
        long[] readyAt = new long[1];
        long t0 = System.nanoTime();
        ConfigurableApplicationContext hub = new SpringApplicationBuilder(VardnavApplication.class)
                .listeners((ApplicationListener<ApplicationReadyEvent>) e -> readyAt[0] = System.nanoTime())
                .run(hubArgs);
        report.startup(Duration.ofNanos(readyAt[0] - t0), Duration.ofMillis(ManagementFactory.getRuntimeMXBean().getUptime()));
        report.config(N, CONNECTIONS, RATE, LATENCY_SECONDS, WARMUP, PLATFORM_CONSUMERS, JOURNAL_CONSUMERS, "simulator", data);

        RegisterSimulator register = new RegisterSimulator(registerPort).start();
        PlatformSimulator platform = new PlatformSimulator(platformPort).start();
        BookingLoad load = new BookingLoad("127.0.0.1", mllpPort, CONNECTIONS, runId);
        boolean complete = true;
        try {
            report.raw(RawBrokerBaseline.run(brokerUrl, "vardnav", "vardnav", "bench.raw", RAW_MESSAGES, CONNECTIONS, MAX_WAIT_SECONDS));

            if (WARMUP > 0) {
                List<BookingLoad.Sent> warm = load.burst(WARMUP);
                complete &= BenchSupport.until("the platform (writes)", platform::writeCount, WARMUP, Duration.ofSeconds(MAX_WAIT_SECONDS));
                report.warmup(BookingLoad.match(warm, platform.writes()));
            }

            List<BookingLoad.Sent> burst = load.burst(N);
            complete &= BenchSupport.until("the platform (writes)", platform::writeCount, WARMUP + N, Duration.ofSeconds(MAX_WAIT_SECONDS));
            BookingLoad.Matched throughput = BookingLoad.match(burst, platform.writes());
            report.throughput(N, throughput);

            int paced = RATE * LATENCY_SECONDS;
            List<BookingLoad.Sent> latency = load.paced(paced, RATE);
            complete &= BenchSupport.until("the platform (writes)", platform::writeCount, WARMUP + N + paced, Duration.ofSeconds(MAX_WAIT_SECONDS));
            report.latency(RATE, LATENCY_SECONDS, BookingLoad.match(latency, platform.writes()));

            report.memory();
            report.routeTimers(hub.getBean(MeterRegistry.class));
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
