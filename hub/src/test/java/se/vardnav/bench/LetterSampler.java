package se.vardnav.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Samples, once a second while the letter benchmark runs: the hub's JVM's resident set (VmRSS, and the
 * kernel's own peak VmHWM), heap used, the broker's data directory; every fifth second the document
 * store (a walk over every PDF). Drains the simulators' kept payloads ({@link LetterSinks}) every other second.
 */
final class LetterSampler implements AutoCloseable {
    private final Path broker;
    private final Path documents;
    private final LetterSinks sinks;
    private final BenchHub hub;
    private final AtomicLong peakRssKiB = new AtomicLong();
    private final AtomicLong peakHeap = new AtomicLong();
    private final AtomicLong peakBroker = new AtomicLong();
    private final AtomicLong peakDocuments = new AtomicLong();
    private volatile long brokerBytes;
    private volatile long documentBytes;
    private volatile long documentFiles;
    private volatile boolean running = true;
    private Thread thread;

    LetterSampler(Path broker, Path documents, LetterSinks sinks, BenchHub hub) {
        this.hub = hub;
        this.broker = broker;
        this.documents = documents;
        this.sinks = sinks;
    }

    LetterSampler start() {
        thread = new Thread(() -> {
            for (long tick = 0; running; tick++) {
                try {
                    if (tick % 2 == 0) {
                        sinks.drain();
                    }
                    sample(tick % 5 == 0);
                    Thread.sleep(1_000);
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException e) {
                    System.err.println("sampler: " + e);
                }
            }
        }, "letter-bench-sampler");
        thread.setDaemon(true);
        thread.start();
        return this;
    }

    /** Peaks from now on (VmHWM cannot be reset: it stays the peak since the JVM started). */
    void resetPeaks() {
        peakRssKiB.set(0);
        peakHeap.set(0);
        peakBroker.set(0);
        peakDocuments.set(0);
        hub.resetPeaks();
    }

    void sampleNow() {
        sample(true);
    }

    private synchronized void sample(boolean withDocuments) {
        peakRssKiB.accumulateAndGet(hub.statusKiB("VmRSS"), Math::max);
        peakHeap.accumulateAndGet(hub.heapUsed(), Math::max);
        brokerBytes = size(broker)[0];
        peakBroker.accumulateAndGet(brokerBytes, Math::max);
        if (withDocuments) {
            long[] d = size(documents);
            documentBytes = d[0];
            documentFiles = d[1];
            peakDocuments.accumulateAndGet(documentBytes, Math::max);
        }
    }

    long peakRssKiB() { return peakRssKiB.get(); }

    long hwmKiB() { return hub.statusKiB("VmHWM"); }

    long peakHeap() { return peakHeap.get(); }

    long brokerBytes() { return brokerBytes; }

    long peakBrokerBytes() { return peakBroker.get(); }

    long documentBytes() { return documentBytes; }

    long documentFiles() { return documentFiles; }

    long peakDocumentBytes() { return peakDocuments.get(); }

    /** CPU nanoseconds per thread group: the hub's parts, the simulators, the clients (threads alive now). */
    static java.util.Map<String, Long> cpuByGroup() {
        var threads = ManagementFactory.getThreadMXBean();
        java.util.Map<String, Long> cpu = new java.util.TreeMap<>();
        for (long id : threads.getAllThreadIds()) {
            var info = threads.getThreadInfo(id);
            long nanos = threads.getThreadCpuTime(id);
            if (info != null && nanos > 0) {
                cpu.merge(group(info.getThreadName()), nanos, Long::sum);
            }
        }
        return cpu;
    }

    /** Simulators bind 127.0.0.1 (Tomcat threads named http-nio-127.0.0.1-…); the hub's own Tomcat binds all addresses. */
    static String group(String thread) {
        if (thread.startsWith("http-nio-127.0.0.1")) {
            return "simulators (HTTP/SOAP servers)";
        }
        if (thread.startsWith("http-nio-")) {
            return "hub: FHIR intake (Tomcat)";
        }
        if (thread.contains("JmsConsumer[")) {
            return "hub: consumer " + thread.substring(thread.indexOf("JmsConsumer[") + 12).replaceAll("\\].*", "").replaceAll("mailbox\\.\\d+", "mailbox.<operator>");
        }
        if (thread.contains("ActiveMQ") || thread.contains("activemq")) {
            return "hub: broker (Artemis)";
        }
        if (thread.startsWith("letter-client") || thread.startsWith("HttpClient")) {
            return "load clients";
        }
        if (thread.contains("GC") || thread.contains("G1") || thread.contains("Compiler")) {
            return "JVM (GC, JIT)";
        }
        return "other";
    }

    @Override
    public void close() {
        running = false;
        if (thread != null) {
            thread.interrupt();
        }
    }

    /** A /proc/self/status figure in KiB. */
    static long status(String key) {
        try (Stream<String> s = Files.lines(Path.of("/proc/self/status"))) {
            return s.filter(l -> l.startsWith(key + ":")).findFirst()
                    .map(l -> Long.parseLong(l.replaceAll("[^0-9]", ""))).orElse(0L);
        } catch (IOException e) {
            return 0;
        }
    }

    /** Bytes and number of regular files under a directory (files vanishing meanwhile are skipped). */
    private static long[] size(Path dir) {
        long[] r = new long[2];
        if (!Files.isDirectory(dir)) {
            return r;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            s.forEach(p -> {
                try {
                    if (Files.isRegularFile(p)) {
                        r[0] += Files.size(p);
                        r[1]++;
                    }
                } catch (IOException ignored) {
                    // a temp file moved away under the walk
                }
            });
        } catch (IOException | java.io.UncheckedIOException e) {
            // the walk raced a directory change: keep what was counted
        }
        return r;
    }
}
