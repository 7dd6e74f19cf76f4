package se.vardnav;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import se.vardnav.booking.Hl7Time;
import se.vardnav.sim.journal.JournalSimulator;
import se.vardnav.sim.journal.SiuMessages;
import se.vardnav.sim.platform.PlatformSimulator;
import se.vardnav.sim.register.RegisterSimulator;
import se.vardnav.sim.sms.HttpSmsGatewaySimulator;
import se.vardnav.support.HubTestBase;
import se.vardnav.support.PackagedHub;
import se.vardnav.support.TestPersons;

import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The packaged hub jar as a region runs it ({@code java -jar}, as {@code docker/Dockerfile} does): its own process in an
 * empty directory holding only the jar and a data directory, so everything it reads at start (routes, ConceptMaps,
 * templates, conformance resources, the demo signing key) must come from the jar. The peers are the simulators, in
 * this JVM on free ports. Runs after {@code package}, so {@code target/vardnav-hub-*.jar} is there.
 */
class PackagedHubIT {
    /** The platform's client secret for the hub: a region's own, not the demo's. */
    private static final String PLATFORM_SECRET = UUID.randomUUID().toString();
    private static final PlatformSimulator platform = new PlatformSimulator(0)
            .requireTokens(PlatformSimulator.DEMO_CLIENT_ID, PLATFORM_SECRET).start();
    private static final RegisterSimulator register = new RegisterSimulator(0).start();
    // outside the demo profile the hub refuses the secrets the repository ships (SecretsCheck): a region's own here
    private static final String SMS_PASSWORD = "packaged-" + UUID.randomUUID();
    private static final HttpSmsGatewaySimulator sms = new HttpSmsGatewaySimulator(0, HttpSmsGatewaySimulator.DEFAULT_USER, SMS_PASSWORD).start();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final List<Path> dirs = new ArrayList<>();
    private Process hub;

    @AfterEach
    void stopHub() throws Exception {
        if (hub != null && hub.isAlive()) {
            hub.destroy();
            if (!hub.waitFor(60, TimeUnit.SECONDS)) {
                hub.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
        for (Path dir : dirs) {
            try (Stream<Path> all = Files.walk(dir)) {
                all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @AfterAll
    static void stopSimulators() {
        platform.close();
        register.close();
        sms.close();
    }

    @Test
    void theJarAloneStartsBecomesReadyAndCarriesABookingToThePlatform() throws Exception {
        int http = HubTestBase.freePort();
        int mllp = HubTestBase.freePort();
        Path log = start(http, mllp, List.of());

        await("readiness of the packaged hub (its log: " + log + ")").atMost(Duration.ofMinutes(4))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> {
                    assertThat(hub.isAlive()).as("the hub process ended; its log:\n%s", tail(log)).isTrue();
                    return readiness(http) == 200;
                });

        String id = "B-" + UUID.randomUUID();
        LocalDateTime now = LocalDateTime.now(Hl7Time.JOURNAL_ZONE).withNano(0);
        String booking = SiuMessages.s12().bookingId(id).messageTime(now).start(now.plusDays(7).withHour(9).withMinute(0))
                .minutes(20).timeType("VIDEO", "Videobesök").patient(TestPersons.next())
                .staff("SE2321000016-1234", "Lind").unit("SE2321000016-A1B2").caseName("Uppföljning").build();
        try (JournalSimulator journal = new JournalSimulator("127.0.0.1", mllp)) {
            assertThat(journal.send(booking)).contains("MSA|AA");
        }
        await("the booking on the platform").atMost(Duration.ofMinutes(1))
                .until(() -> platform.findByBookingId(id).isPresent());
    }

    @Test
    void theJarCarriesNoSimulatorAndNoDemo() throws Exception {
        List<String> entries;
        try (java.util.zip.ZipFile jar = new java.util.zip.ZipFile(packagedJar().toFile())) {
            entries = jar.stream().map(java.util.zip.ZipEntry::getName).toList();
        }
        assertThat(entries).as("the hub's own classes are there").anyMatch(e -> e.startsWith("BOOT-INF/classes/se/vardnav/booking/"));
        assertThat(entries).as("no simulator, no demo, no simulator-only library")
                .noneMatch(e -> e.startsWith("BOOT-INF/classes/se/vardnav/sim/") || e.startsWith("BOOT-INF/classes/se/vardnav/demo/")
                        || e.startsWith("BOOT-INF/lib/vardnav-simulators") || e.startsWith("BOOT-INF/lib/vardnav-demo")
                        || e.startsWith("BOOT-INF/lib/swagger-request-validator") || e.startsWith("BOOT-INF/lib/greenmail"));
    }

    @Test
    void aBadSettingStopsTheStartAndNamesTheProperty() throws Exception {
        Path log = start(HubTestBase.freePort(), HubTestBase.freePort(), List.of("--vardnav.platform.connect-timeout=soon"));

        assertThat(hub.waitFor(4, TimeUnit.MINUTES)).as("the hub stops by itself").isTrue();
        assertThat(hub.exitValue()).isNotZero();
        assertThat(Files.readString(log, StandardCharsets.UTF_8)).contains("vardnav.platform.connect-timeout");
    }

    /** Starts {@code java -jar app.jar} in a new empty directory; returns the file its output goes to. */
    private Path start(int httpPort, int mllpPort, List<String> extraArgs) throws IOException {
        Path dir = Files.createTempDirectory("vardnav-packaged");
        dirs.add(dir);
        Files.copy(packagedJar(), dir.resolve("app.jar"));
        Files.createDirectory(dir.resolve("data"));
        int brokerPort = HubTestBase.freePort();
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-jar", "app.jar"));
        cmd.addAll(PackagedHub.arguments(new PackagedHub.Peers(platform, PLATFORM_SECRET, register, sms, SMS_PASSWORD), brokerPort, mllpPort, httpPort));
        if (String.valueOf(System.getProperty("spring.profiles.active")).contains("postgres")) {
            String schema = "vardnav_packaged_" + UUID.randomUUID().toString().substring(0, 8);
            cmd.addAll(List.of("--spring.profiles.active=postgres",
                    "--spring.datasource.url=jdbc:postgresql://127.0.0.1:5432/test?currentSchema=" + schema,
                    "--spring.flyway.schemas=" + schema, "--spring.flyway.create-schemas=true"));
        }
        cmd.addAll(extraArgs);
        Path log = dir.resolve("data").resolve("hub.log");
        hub = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return log;
    }

    private static Path packagedJar() throws IOException {
        return PackagedHub.jar();
    }

    private static int readiness(int httpPort) {
        return PackagedHub.readiness(HTTP, httpPort);
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    }
}
