package se.vardnav.bench;

import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The hub under a benchmark: alone in its own JVM ({@link ChildHub}, the default), or in the benchmark's ({@link InProcessHub}). */
interface BenchHub extends AutoCloseable {
    String fhirBase();

    JdbcTemplate jdbc();

    String property(String key);

    /** CPU nanoseconds per thread group of the hub's JVM (see {@link LetterSampler#group}). */
    Map<String, Long> cpuByGroup();

    /** CPU time (user + system) of the JVM the hub runs in, so far. */
    long processCpuNanos();

    /** Plans these reminders through the hub's own {@code Reminders} bean; returns how long that took in the hub. */
    Duration planReminders(ReminderPlan plan);

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
