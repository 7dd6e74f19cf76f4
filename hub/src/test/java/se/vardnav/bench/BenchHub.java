package se.vardnav.bench;

import org.springframework.jdbc.core.JdbcTemplate;

import java.util.List;
import java.util.Map;

/** The hub under the letter benchmark: in the benchmark's JVM, or alone in its own ({@link ChildHub}). */
interface BenchHub extends AutoCloseable {
    String fhirBase();

    JdbcTemplate jdbc();

    String property(String key);

    /** CPU nanoseconds per thread group of the hub's JVM (see {@link LetterSampler#group}). */
    Map<String, Long> cpuByGroup();

    long processCpuNanos();

    /** A /proc/&lt;pid&gt;/status figure of the hub's JVM, in KiB (VmRSS, VmHWM). */
    long statusKiB(String key);

    long heapUsed();

    long heapMax();

    void resetPeaks();

    /** Lines for the report after the run: memory of the hub's JVM and Camel's route timers. */
    List<String> afterRun();

    /** True when the simulators and load clients share the hub's JVM (figures then are for all of them). */
    boolean shared();

    @Override
    void close();
}
