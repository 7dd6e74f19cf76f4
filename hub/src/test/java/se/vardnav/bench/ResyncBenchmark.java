package se.vardnav.bench;

import ca.uhn.fhir.context.FhirContext;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.SearchParameter;
import se.vardnav.fhir.Fhir;
import se.vardnav.sim.journal.ScheduleSimulator;
import se.vardnav.sim.platform.PlatformSimulator;
import se.vardnav.sim.register.RegisterSimulator;
import se.vardnav.support.TestPersons;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Arrays;

/**
 * "Uppdatera nu" for a patient with N bookings (bench.resyncBookings, 200): the hub alone in its own JVM ({@link BenchHubs}) against the
 * journal's schedule (SOAP), the register and the platform simulators. Times the answer of
 * {@code POST /fhir/Patient/$resync-bookings} when everything is missing on the platform (N created), when nothing
 * differs (N unchanged) and when half moved (N/2 updated), over several rounds. Asserts nothing about timing; exits 1
 * if a count is wrong. See docs/benchmarks.md.
 */
public final class ResyncBenchmark {
    static final int N = Integer.getInteger("bench.resyncBookings", 200);
    static final int ROUNDS = Integer.getInteger("bench.resyncRounds", 5);
    static final String UNIT = "SE2321000016-BNCH";

    private ResyncBenchmark() {}

    public static void main(String[] args) throws Exception {
        Report report = new Report();
        report.machine(LocalDateTime.now());
        Path data = Files.createTempDirectory("vardnav-bench-resync");
        PlatformSimulator platform = new PlatformSimulator(0).start();
        RegisterSimulator register = new RegisterSimulator(0).start();
        ScheduleSimulator schedule = new ScheduleSimulator(0).start();
        String brokerUrl = "tcp://127.0.0.1:" + BenchSupport.freePort();
        List<String> hubArgs = List.of(
                "--server.port=0",
                "--vardnav.data-dir=" + data,
                "--vardnav.broker.acceptor=" + brokerUrl,
                "--vardnav.broker.url=" + brokerUrl,
                "--vardnav.journal.mllp.port=" + BenchSupport.freePort(),
                "--vardnav.visit.journal.port=" + BenchSupport.freePort(),
                "--vardnav.platform.base-url=" + platform.baseUrl(),
                "--vardnav.register.url=" + register.endpointUrl(),
                "--vardnav.resync.schedule-url=" + schedule.endpointUrl(),
                "--logging.file.name=" + data.resolve("hub.log"),
                "--logging.threshold.console=WARN");
        BenchHub hub;
        try {
            hub = BenchHubs.start(hubArgs, data, report);
        } catch (Exception e) {
            platform.close();
            register.close();
            schedule.close();
            throw e;
        }
        String url = hub.fhirBase() + "/Patient/$resync-bookings";
        FhirContext.forR4().newRestfulGenericClient(platform.baseUrl()).create().resource(FhirContext.forR4Cached().newJsonParser()
                .parseResource(SearchParameter.class, Files.readString(Path.of("connectors/visit-platform/conformance/SearchParameter-appointment-patient-identifier.json"))))
                .execute();
        HttpClient http = se.vardnav.support.HubHttp.wrap(HttpClient.newHttpClient()); // signed in as the platform would be
        boolean right = true;
        report.line("config           N=%d bookings per patient, %d rounds (a fresh patient each), H2", N, ROUNDS);
        report.line("data dir         %s", data);
        try {
            resync(http, url, book(schedule, 0)); // warm-up
            BenchHubs.Cpu cpu = BenchHubs.cpu(hub);
            double[] created = new double[ROUNDS], unchanged = new double[ROUNDS], moved = new double[ROUNDS];
            for (int r = 0; r < ROUNDS; r++) {
                String patient = book(schedule, 0);
                Timed first = resync(http, url, patient);
                created[r] = first.ms;
                right &= first.count("created") == N;
                BenchSupport.until("the platform", () -> (int) platform.appointments().stream()
                        .filter(a -> a.getParticipant().stream().anyMatch(p -> patient.equals(p.getActor().getIdentifier().getValue()))).count(),
                        N, Duration.ofSeconds(120));
                Timed same = resync(http, url, patient);
                unchanged[r] = same.ms;
                right &= same.count("unchanged") == N;
                for (int i = 0; i < N / 2; i++) {
                    schedule.book(patient, patient + "-" + i, UNIT, "SE2321000016-1234", LocalDateTime.of(2027, 1, 4, 8, 0).plusMinutes(30L * i + 15), 20,
                            "VIDEO", "Videobesök");
                }
                Timed half = resync(http, url, patient);
                moved[r] = half.ms;
                right &= half.count("updated") == N / 2;
            }
            report.line("%d missing      (all created)  median %.0f ms, max %.0f ms", N, median(created), max(created));
            report.line("%d same         (unchanged)    median %.0f ms, max %.0f ms", N, median(unchanged), max(unchanged));
            report.line("%d, half moved  (updated)      median %.0f ms, max %.0f ms", N, median(moved), max(moved));
            cpu.report(report, "", ROUNDS * (N + N + N / 2), "booking compared (created, unchanged or updated; delivery of the changed included)");
            BenchHubs.memory(report, hub);
            report.line("counts right     %s", right);
        } finally {
            hub.close();
            platform.close();
            register.close();
            schedule.close();
        }
        report.print("Vårdnav resync benchmark (Uppdatera nu)");
        System.exit(right ? 0 : 1);
    }

    private static String book(ScheduleSimulator schedule, int shift) {
        String patient = TestPersons.next();
        for (int i = 0; i < N; i++) {
            schedule.book(patient, patient + "-" + i, UNIT, "SE2321000016-1234", LocalDateTime.of(2027, 1, 4, 8, 0).plusMinutes(30L * i + shift), 20,
                    "VIDEO", "Videobesök");
        }
        return patient;
    }

    private record Timed(double ms, Parameters answer) {
        int count(String name) {
            return ((org.hl7.fhir.r4.model.IntegerType) answer.getParameter(name).getValue()).getValue();
        }
    }

    private static Timed resync(HttpClient http, String url, String patient) throws Exception {
        Parameters p = new Parameters();
        p.addParameter().setName("identifier").setValue(new Identifier().setSystem(Fhir.PERSONNUMMER).setValue(patient));
        p.addParameter().setName("unit").setValue(new org.hl7.fhir.r4.model.StringType(UNIT));
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/fhir+json")
                .POST(HttpRequest.BodyPublishers.ofString(FhirContext.forR4Cached().newJsonParser().encodeResourceToString(p))).build();
        long t0 = System.nanoTime();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        double ms = (System.nanoTime() - t0) / 1e6;
        if (response.statusCode() != 200) {
            throw new IllegalStateException("resync answered " + response.statusCode());
        }
        return new Timed(ms, FhirContext.forR4Cached().newJsonParser().parseResource(Parameters.class, response.body()));
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }

    private static double max(double[] v) {
        return Arrays.stream(v).max().orElse(Double.NaN);
    }
}
