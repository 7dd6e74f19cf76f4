package se.vardnav.bench;

import java.time.Duration;
import java.util.function.IntSupplier;

/** Small pieces every benchmark main needs. */
final class BenchSupport {
    private BenchSupport() {
    }

    /** A port free now (not HubTestBase's: loading that class starts its simulators). */
    static int freePort() {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            return s.getLocalPort();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Polls every 50 ms (a benchmark is not a test). @return false, with a line on stderr, if {@code count} did not reach {@code expected} within {@code maxWait} */
    static boolean until(String what, IntSupplier count, int expected, Duration maxWait) throws InterruptedException {
        long deadline = System.nanoTime() + maxWait.toNanos();
        while (count.getAsInt() < expected) {
            if (System.nanoTime() > deadline) {
                System.err.printf("gave up waiting: %s holds %d of %d%n", what, count.getAsInt(), expected);
                return false;
            }
            Thread.sleep(50);
        }
        return true;
    }
}
