package se.vardnav.connector.platform;

import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import se.vardnav.fhir.Fhir;
import se.vardnav.sim.platform.PlatformSimulator;
import se.vardnav.sim.platform.PlatformWrite;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

/** PlatformClient against the platform simulator over a real socket. */
class PlatformClientTest {
    private static PlatformSimulator sim;
    private static PlatformClient client;

    @BeforeAll
    static void startSimulator() {
        sim = new PlatformSimulator(0).start();
        client = new PlatformClient(sim.baseUrl(), Duration.ofSeconds(5), Duration.ofSeconds(2));
    }

    @AfterAll
    static void stop() {
        client.close();
        sim.close();
    }

    @BeforeEach
    void clean() {
        sim.reset();
    }

    static Appointment booking(String id, Appointment.AppointmentStatus status) {
        Appointment a = new Appointment().setStatus(status);
        a.addIdentifier().setSystem(Fhir.JOURNAL_BOOKING_ID).setValue(id);
        return a;
    }

    @Test
    void findsThePatientsAccountWithItsContactsAndBlockedState() {
        sim.addAccount("199001012384", "+46701234567", "anna@example.se");
        sim.addAccount("198502021234", null, null);
        sim.blockAccount("198502021234");

        PlatformAccount anna = client.findAccount(Fhir.PERSONNUMMER, "199001012384").orElseThrow();
        assertThat(anna.active()).isTrue();
        assertThat(anna.mobileNumber()).contains("+46701234567");
        assertThat(anna.emailAddress()).contains("anna@example.se");
        assertThat(anna.toString()).doesNotContain("4670", "anna");

        PlatformAccount blocked = client.findAccount(Fhir.PERSONNUMMER, "198502021234").orElseThrow();
        assertThat(blocked.active()).isFalse();
        assertThat(blocked.mobileNumber()).isEmpty();

        assertThat(client.findAccount(Fhir.PERSONNUMMER, "197001011234")).isEmpty();
    }

    @Test
    void aLetterWrittenTwiceIsOneLetterInThePlatform() {
        String system = "https://vardnav.se/fhir/NamingSystem/hub-letter-id";
        org.hl7.fhir.r4.model.Communication letter = new org.hl7.fhir.r4.model.Communication()
                .setStatus(org.hl7.fhir.r4.model.Communication.CommunicationStatus.COMPLETED);
        letter.addIdentifier().setSystem(system).setValue("L-1");

        assertThat(client.upsertCommunication(letter, system, "L-1")).isTrue();
        assertThat(client.upsertCommunication(letter.copy(), system, "L-1")).isFalse();
        assertThat(sim.letters()).hasSize(1);
        assertThat(sim.findLetter("L-1")).isPresent();
    }

    @Test
    void aPdfIsABinaryStoredOnceUnderItsIdRawAndGuardedByItsPatient() {
        byte[] pdf = "%PDF-1.4 tiny".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        assertThat(client.binaryExists("letter-L-3-1")).isFalse();
        assertThat(client.putBinary("letter-L-3-1", "application/pdf", pdf.length, "Patient/acc-1", out -> out.write(pdf))).isTrue();
        assertThat(client.putBinary("letter-L-3-1", "application/pdf", pdf.length, "Patient/acc-1", out -> out.write(pdf))).isFalse();
        assertThat(client.binaryExists("letter-L-3-1")).isTrue();

        se.vardnav.sim.platform.PlatformBinary stored = sim.findBinary("letter-L-3-1").orElseThrow();
        assertThat(stored.size()).isEqualTo(pdf.length);
        assertThat(stored.contentType()).isEqualTo("application/pdf");
        assertThat(stored.securityContext()).isEqualTo("Patient/acc-1");
        assertThat(sim.binaries()).hasSize(1);
        assertThatThrownBy(() -> client.putBinary("no/such id", "application/pdf", 1, null, out -> out.write(1)))
                .isInstanceOf(IllegalArgumentException.class);

        sim.failNextLetterWrites(1, 422);
        assertThatThrownBy(() -> client.putBinary("letter-L-3-2", "application/pdf", pdf.length, null, out -> out.write(pdf)))
                .isInstanceOf(PlatformRejectedException.class).hasMessageStartingWith("platform answered HTTP 422");
        sim.goDown();
        assertThatThrownBy(() -> client.putBinary("letter-L-3-2", "application/pdf", pdf.length, null, out -> out.write(pdf)))
                .isInstanceOfSatisfying(PlatformTransientException.class, e -> {
                    assertThat(e.getMessage()).contains("no answer");
                    assertThat(e.noAnswer()).as("a refused connection is the platform being away, not the request").isFalse();
                });
    }

    @Test
    void theAnswerToALargeUploadMayTakeTimeForItsSize() {
        assertThat(client.timeoutFor(20L * 1024 * 1024)).isEqualTo(Duration.ofSeconds(25)); // 5 s + 1 s per MB
        assertThat(client.timeoutFor(0)).isEqualTo(Duration.ofSeconds(5));

        byte[] megabyte = new byte[1024 * 1024];
        sim.setStoreTimePerMegabyte(Duration.ofMillis(600));
        try (PlatformClient fixed = new PlatformClient(sim.baseUrl(), Duration.ofMillis(200), Duration.ofSeconds(2), Duration.ZERO);
             PlatformClient sized = new PlatformClient(sim.baseUrl(), Duration.ofMillis(200), Duration.ofSeconds(2), Duration.ofSeconds(3))) {
            assertThatThrownBy(() -> fixed.putBinary("big-1", "application/pdf", megabyte.length, null, out -> out.write(megabyte)))
                    .isInstanceOfSatisfying(PlatformTransientException.class,
                            e -> assertThat(e.noAnswer()).as("connected and sent, then silence: may be the size").isTrue());
            assertThat(sized.putBinary("big-2", "application/pdf", megabyte.length, null, out -> out.write(megabyte))).isTrue();
        }
    }

    @Test
    void searchesAreNeverAnsweredFromTheServersCache() {
        // the simulator, like HAPI JPA, serves an identical search from its cache for 60 s unless told no-cache
        assertThat(client.findAccount(Fhir.PERSONNUMMER, "199001012384")).isEmpty();
        sim.addAccount("199001012384", "+46701234567", null);
        assertThat(client.findAccount(Fhir.PERSONNUMMER, "199001012384")).as("account created after an identical search").isPresent();
        sim.blockAccount("199001012384");
        assertThat(client.findAccount(Fhir.PERSONNUMMER, "199001012384").orElseThrow().active()).isFalse();
    }

    @Test
    void accountLookupAgainstADownPlatformIsTransient() {
        sim.goDown();
        assertThatThrownBy(() -> client.findAccount(Fhir.PERSONNUMMER, "199001012384"))
                .isInstanceOf(PlatformTransientException.class);
    }

    @Test
    void createThenUpdateSameBookingKeepsOneAppointment() {
        PlatformResult first = client.upsertAppointment(booking("B-1", Appointment.AppointmentStatus.BOOKED));
        PlatformResult second = client.upsertAppointment(booking("B-1", Appointment.AppointmentStatus.CANCELLED));

        assertThat(first.created()).isTrue();
        assertThat(second.created()).isFalse();
        assertThat(second.platformId()).isEqualTo(first.platformId()).doesNotContain("/");
        assertThat(sim.appointments()).hasSize(1);
        Appointment stored = sim.findByBookingId("B-1").orElseThrow();
        assertThat(stored.getMeta().getVersionId()).isEqualTo("2");
        assertThat(stored.getStatus()).isEqualTo(Appointment.AppointmentStatus.CANCELLED);
        assertThat(sim.writes()).extracting(PlatformWrite::bookingId, PlatformWrite::status)
                .containsExactly(tuple("B-1", 201), tuple("B-1", 200));
    }

    @Test
    void downIsTransientAndUpAgainSucceeds() {
        int port = sim.port();
        sim.goDown();
        assertThatThrownBy(() -> client.upsertAppointment(booking("B-2", Appointment.AppointmentStatus.BOOKED)))
                .isInstanceOf(PlatformTransientException.class);
        sim.comeUp();
        assertThat(sim.port()).isEqualTo(port);
        assertThat(client.upsertAppointment(booking("B-2", Appointment.AppointmentStatus.BOOKED)).created()).isTrue();
        assertThat(sim.writeCount()).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(ints = {500, 502, 503, 408, 429})
    void serverErrorsAndThrottlingAreTransient(int status) {
        sim.failNext(1, status);
        assertThatThrownBy(() -> client.upsertAppointment(booking("B-3", Appointment.AppointmentStatus.BOOKED)))
                .isInstanceOfSatisfying(PlatformTransientException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(status);
                    assertThat(e.getMessage()).contains(String.valueOf(status));
                });
        assertThat(sim.writeCount()).isZero();
        assertThat(client.upsertAppointment(booking("B-3", Appointment.AppointmentStatus.BOOKED)).created()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 409, 412, 422})
    void otherClientErrorsAreRejectedWithStatusAndDiagnostics(int status) {
        sim.failNext(1, status);
        assertThatThrownBy(() -> client.upsertAppointment(booking("B-4", Appointment.AppointmentStatus.BOOKED)))
                .isInstanceOfSatisfying(PlatformRejectedException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(status);
                    assertThat(e.getMessage()).contains(String.valueOf(status)).contains("Simulated failure");
                });
    }

    @Test
    void rejectionMessageCarriesReasonButNoPersonalData() {
        sim.rejectWhen(a -> a.hasParticipant(), 422, "participant without actor reference");
        Appointment a = booking("B-5", Appointment.AppointmentStatus.BOOKED);
        a.addParticipant().setActor(new Reference().setDisplay("Tolvan Tolvansson 19121212-1212"));
        assertThatThrownBy(() -> client.upsertAppointment(a))
                .isInstanceOf(PlatformRejectedException.class)
                .hasMessageContaining("422")
                .hasMessageContaining("participant without actor reference")
                .hasMessageNotContaining("Tolvan")
                .hasMessageNotContaining("19121212")
                .hasNoCause();
    }

    @Test
    void slowPlatformBeyondSocketTimeoutIsTransient() {
        sim.setDelay(Duration.ofMillis(1500));
        try (PlatformClient impatient = new PlatformClient(sim.baseUrl(), Duration.ofMillis(300), Duration.ofMillis(300))) {
            assertThatThrownBy(() -> impatient.upsertAppointment(booking("B-6", Appointment.AppointmentStatus.BOOKED)))
                    .isInstanceOfSatisfying(PlatformTransientException.class, e -> assertThat(e.noAnswer()).isTrue());
            // the slow write still lands: the retry must then update it, not add a second one
            await().atMost(Duration.ofSeconds(5)).until(() -> sim.writeCount() == 1);
            sim.setDelay(Duration.ZERO);
            assertThat(impatient.upsertAppointment(booking("B-6", Appointment.AppointmentStatus.BOOKED)).created()).isFalse();
            assertThat(sim.appointments()).hasSize(1);
        }
    }

    @Test
    void bookingIdWithUrlSpecialCharactersStaysOneKey() {
        String odd = "A B+C&identifier=x%25|y";
        assertThat(client.upsertAppointment(booking(odd, Appointment.AppointmentStatus.BOOKED)).created()).isTrue();
        assertThat(client.upsertAppointment(booking(odd, Appointment.AppointmentStatus.BOOKED)).created()).isFalse();
        assertThat(sim.findByBookingId(odd)).isPresent();
        assertThat(sim.appointments()).hasSize(1);
    }

    @Test
    void concurrentUpsertsOfOneBookingMakeOneAppointment() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<PlatformResult>> results = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                results.add(pool.submit(() -> client.upsertAppointment(booking("B-9", Appointment.AppointmentStatus.BOOKED))));
            }
            long created = 0;
            for (Future<PlatformResult> r : results) {
                created += r.get(10, TimeUnit.SECONDS).created() ? 1 : 0;
            }
            assertThat(created).isEqualTo(1);
            assertThat(sim.appointments()).hasSize(1);
            assertThat(sim.findByBookingId("B-9").orElseThrow().getMeta().getVersionId()).isEqualTo("16");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void appointmentNeedsExactlyOneBookingId() {
        Appointment none = new Appointment();
        Appointment two = booking("B-7", Appointment.AppointmentStatus.BOOKED);
        two.addIdentifier().setSystem(Fhir.JOURNAL_BOOKING_ID).setValue("B-8");
        assertThatThrownBy(() -> client.upsertAppointment(none)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> client.upsertAppointment(two)).isInstanceOf(IllegalArgumentException.class);
        assertThat(sim.writeCount()).isZero();
    }
}
