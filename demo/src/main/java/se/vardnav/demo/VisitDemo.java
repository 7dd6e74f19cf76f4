package se.vardnav.demo;

import ca.uhn.fhir.context.FhirContext;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.core.env.Environment;
import se.vardnav.fhir.Fhir;
import se.vardnav.identity.Personnummer;
import se.vardnav.sim.journal.JournalReceiver;
import se.vardnav.sim.journal.ScheduleSimulator;
import se.vardnav.sim.platform.VisitEncounters;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;

/**
 * The demo's way back (profile "demo"): the journal system's ADT/MDM listener and its schedule service are simulated
 * on their own ports; once the hub is up the visit platform pushes one visit (started, then ended with a draft note)
 * and "Uppdatera nu" is pressed once for a patient whose booking the platform lacks.
 */
@Configuration(proxyBeanMethods = false)
@Profile("demo")
public class VisitDemo {
    private static final Logger log = LoggerFactory.getLogger(VisitDemo.class);

    @Bean(destroyMethod = "close")
    JournalReceiver journalReceiver(@Value("${vardnav.visit.journal.port}") int port, ScheduleSimulator schedule) {
        // the journal's MLLP listener also answers "Uppdatera nu" over HL7 (VARDNAV_RESYNC_PROTOCOL=hl7) from the same schedule
        return new JournalReceiver(port).answerQueriesFrom(schedule.hl7()).start();
    }

    @Bean(destroyMethod = "close")
    ScheduleSimulator scheduleSimulator(@Value("${vardnav.demo.schedule-port:8096}") int port) {
        return new ScheduleSimulator(port).start();
    }

    @Bean
    ApplicationRunner sampleVisit(JournalReceiver journal, ScheduleSimulator schedule, se.vardnav.sim.platform.PlatformSimulator platform,
                                  Environment env) {
        return args -> {
            Thread t = new Thread(() -> {
                installSearchParameter(platform);
                run(journal, schedule, platform, env.getProperty("local.server.port", "8080"));
            }, "demo-visit");
            t.setDaemon(true);
            t.start();
        };
    }

    private static void run(JournalReceiver journal, ScheduleSimulator schedule, se.vardnav.sim.platform.PlatformSimulator platform, String port) {
        try {
            String base = "http://127.0.0.1:" + port + "/fhir";
            String patient = "19" + "121212" + "121" + Personnummer.luhn("121212121");
            Instant start = Instant.now().minusSeconds(1200);
            String visit = "V-DEMO-" + start.getEpochSecond();
            platform.pushVisit(base, VisitEncounters.visit(visit, patient, "SE2321000016-DEMO", "SE2321000016-DR01").at(start)
                    .started(start).build());
            platform.pushVisit(base, VisitEncounters.visit(visit, patient, "SE2321000016-DEMO", "SE2321000016-DR01").at(Instant.now())
                    .started(start).note("Mår bättre", "Trolig virusinfektion", "Åter vid försämring", "SE2321000016-DR01")
                    .diagnosis("J06.9", "Akut övre luftvägsinfektion", true).ended(Instant.now().minusSeconds(60), 3).build());
            for (int i = 0; i < 100 && journal.accepted().size() < 3; i++) {
                Thread.sleep(100);
            }
            log.info("Demo visit {}: the journal system received {}", visit, journal.accepted().stream().map(JournalReceiver::trigger).toList());

            schedule.book(patient, "B-DEMO-RESYNC", "SE2321000016-DEMO", "SE2321000016-DR01",
                    LocalDateTime.of(LocalDate.now().plusDays(2), java.time.LocalTime.of(10, 0)), 20, "VIDEO", "Videobesök");
            Parameters p = new Parameters();
            p.addParameter().setName("identifier").setValue(new Identifier().setSystem(Fhir.PERSONNUMMER).setValue(patient));
            p.addParameter().setName("unit").setValue(new StringType("SE2321000016-DEMO"));
            HttpResponse<String> answer = post(base + "/Patient/$resync-bookings", p, platform.hubToken());
            log.info("Demo Uppdatera nu: HTTP {} {}", answer.statusCode(), answer.body().replaceAll("\\s+", ""));
        } catch (Exception e) {
            log.warn("Demo visit not completed: {}", e.toString());
        }
    }

    /** The platform's operator installs the hub's SearchParameter, so the resync finds the patient's bookings. */
    private static void installSearchParameter(se.vardnav.sim.platform.PlatformSimulator platform) {
        try {
            platform.operatorClient().create().resource(FhirContext.forR4Cached().newJsonParser()
                    .parseResource(org.hl7.fhir.r4.model.SearchParameter.class, java.nio.file.Files.readString(
                            java.nio.file.Path.of("connectors/visit-platform/conformance/SearchParameter-appointment-patient-identifier.json"))))
                    .execute();
        } catch (Exception e) {
            log.warn("Demo: SearchParameter not installed on the platform simulator: {}", e.toString());
        }
    }

    private static HttpResponse<String> post(String url, IBaseResource resource, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
        if (token != null) {
            request.header("Authorization", "Bearer " + token); // "Uppdatera nu" is pressed on the platform (role platform)
        }
        return HttpClient.newHttpClient().send(request.header("Content-Type", "application/fhir+json")
                .POST(HttpRequest.BodyPublishers.ofString(FhirContext.forR4Cached().newJsonParser().encodeResourceToString(resource))).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
