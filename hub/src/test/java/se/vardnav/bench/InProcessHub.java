package se.vardnav.bench;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import se.vardnav.VardnavApplication;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The hub in the benchmark's own JVM, beside the simulators and the load clients ({@code -Dbench.separateHub=false}: how the first benchmarks ran). */
final class InProcessHub implements BenchHub {
    private final ConfigurableApplicationContext hub;

    InProcessHub(List<String> hubArgs) {
        hub = new SpringApplicationBuilder(VardnavApplication.class).run(hubArgs.toArray(String[]::new));
    }

    @Override
    public String fhirBase() {
        return "http://127.0.0.1:" + hub.getEnvironment().getProperty("local.server.port") + "/fhir";
    }

    @Override
    public JdbcTemplate jdbc() {
        return hub.getBean(JdbcTemplate.class);
    }

    @Override
    public String property(String key) {
        return hub.getEnvironment().getProperty(key);
    }

    @Override
    public Map<String, Long> cpuByGroup() {
        return LetterSampler.cpuByGroup();
    }

    @Override
    public long processCpuNanos() {
        return HubProcess.processCpuNanos();
    }

    @Override
    public Duration planReminders(ReminderPlan plan) {
        return plan.apply(hub.getBean(se.vardnav.notification.Reminders.class), hub.getBean(JdbcTemplate.class));
    }

    @Override
    public long statusKiB(String key) {
        return LetterSampler.status(key);
    }

    @Override
    public long heapUsed() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    @Override
    public long heapMax() {
        return Runtime.getRuntime().maxMemory();
    }

    @Override
    public void resetPeaks() {
        ManagementFactory.getMemoryPoolMXBeans().forEach(java.lang.management.MemoryPoolMXBean::resetPeakUsage);
    }

    @Override
    public List<String> afterRun() {
        Report r = new Report();
        r.memory();
        r.routeTimers(hub.getBean(MeterRegistry.class));
        return new ArrayList<>(r.lines());
    }

    @Override
    public boolean shared() {
        return true;
    }

    @Override
    public void close() {
        hub.close();
    }
}
