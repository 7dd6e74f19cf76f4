package se.vardnav.notification;

import ca.uhn.fhir.context.FhirContext;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Communication;
import org.junit.jupiter.api.Test;
import se.vardnav.sim.journal.SiuMessages;
import se.vardnav.sim.sms.ReceivedSms;
import se.vardnav.support.AdminClient;
import se.vardnav.support.HubTestBase;
import se.vardnav.support.TestPersons;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Bookings tell the patient by SMS, through the real gateway protocol, of what the platform has applied. */
class BookingNoticesIT extends HubTestBase {
    private static final LocalDateTime T0 = LocalDateTime.of(2026, 11, 20, 8, 0);
    private static final LocalDateTime START = LocalDateTime.of(2026, 12, 1, 9, 0);

    private SiuMessages booking(SiuMessages m, String id, String patient, String mobile, int minute) {
        return m.bookingId(id).start(START).minutes(20).timeType("VIDEO", "Videobesök").patient(patient).patientMobile(mobile)
                .staff("SE2321000016-1234", "Lind").caseName("Psykiatrisk uppföljning").messageTime(T0.plusMinutes(minute));
    }

    private List<ReceivedSms> to(String e164) {
        return smsGateway.received().stream().filter(r -> e164.equals(r.to())).toList();
    }

    @Test
    void aNewVideoBookingIsConfirmedAndACancelIsToldWithoutTheCaseName() {
        String id = newBookingId();
        String patient = TestPersons.next();
        send(booking(SiuMessages.s12(), id, patient, "070-111 22 01", 0).build());
        await().until(() -> to("+46701112201").size() == 1);
        ReceivedSms confirmation = to("+46701112201").get(0);
        assertThat(confirmation.text()).contains("videobesök", "2026-12-01", "09:00", "tisdag").doesNotContain("Psykiatrisk");

        send(booking(SiuMessages.s15(), id, patient, "070-111 22 01", 1).build());
        await().until(() -> to("+46701112201").size() == 2);
        assertThat(to("+46701112201").get(1).text()).contains("avbokad");

        // per booking through the hub's FHIR endpoint, with the delivery report applied
        smsGateway.reportNow(confirmation.id(), true);
        var client = se.vardnav.support.TestFhirClients.hub(FhirContext.forR4Cached(), "http://127.0.0.1:" + httpPort + "/fhir");
        await().until(() -> communications(client, id).stream().anyMatch(c -> c.getStatus() == Communication.CommunicationStatus.COMPLETED));
        List<Communication> sent = communications(client, id);
        assertThat(sent).hasSize(2);
        assertThat(sent).flatExtracting(c -> c.getCategory()).flatExtracting(cc -> cc.getCoding()).extracting(Coding::getCode)
                .contains("booking-confirmation-video", "booking-cancelled", "notification");
        assertThat(FhirContext.forR4Cached().newJsonParser().encodeResourceToString(sent.get(0))).doesNotContain("0701112201", "Psykiatrisk");
    }

    private static List<Communication> communications(ca.uhn.fhir.rest.client.api.IGenericClient client, String bookingId) {
        String token = java.net.URLEncoder.encode(se.vardnav.fhir.Fhir.JOURNAL_BOOKING_ID + "|" + bookingId, java.nio.charset.StandardCharsets.UTF_8);
        Bundle b = client.search().byUrl("Communication?about:identifier=" + token).returnBundle(Bundle.class).execute();
        return b.getEntry().stream().map(e -> (Communication) e.getResource()).toList();
    }

    @Test
    void aChildIsNotSentAnSmsButTheBookingStillReachesThePlatform() {
        String id = newBookingId();
        send(booking(SiuMessages.s12(), id, TestPersons.child(), "070-111 22 02", 0).build());
        await().until(() -> platform.findByBookingId(id).isPresent());
        String marker = newBookingId();
        send(booking(SiuMessages.s12(), marker, TestPersons.next(), "070-111 22 03", 0).build());
        await().until(() -> to("+46701112203").size() == 1);
        assertThat(to("+46701112202")).isEmpty();
    }

    @Test
    void aProtectedPatientGetsNoSms() {
        String id = newBookingId();
        String patient = TestPersons.next();
        register.markProtected(patient);
        send(booking(SiuMessages.s12(), id, patient, "070-111 22 04", 0).build());
        await().until(() -> !jdbc.queryForList("SELECT 1 FROM withheld_booking WHERE booking_id = ?", id).isEmpty());
        await().during(Duration.ofMillis(800)).atMost(Duration.ofSeconds(2)).until(() -> to("+46701112204").isEmpty());
    }

    @Test
    void anOlderEventArrivingLateSendsNoStaleSms() {
        String id = newBookingId();
        String patient = TestPersons.next();
        send(booking(SiuMessages.s13(), id, patient, "070-111 22 05", 5).start(START.plusDays(1)).build());
        await().until(() -> to("+46701112205").size() == 1);
        send(booking(SiuMessages.s12(), id, patient, "070-111 22 05", 1).build());
        send(booking(SiuMessages.s15(), id, patient, "070-111 22 05", 6).start(START.plusDays(1)).build());
        await().until(() -> to("+46701112205").size() >= 2);
        assertThat(to("+46701112205")).extracting(ReceivedSms::text)
                .satisfiesExactly(t -> assertThat(t).contains("ändrad"), t -> assertThat(t).contains("avbokad"));
    }

    @Test
    void aChangeThePlatformRefusesIsNotToldButAChangeItAppliesIs() {
        String id = newBookingId();
        String patient = TestPersons.next();
        send(booking(SiuMessages.s12(), id, patient, "070-111 22 06", 0).build());
        await().until(() -> to("+46701112206").size() == 1);

        LocalDateTime refused = START.plusDays(2);
        java.util.Date refusedStart = java.util.Date.from(refused.atZone(java.time.ZoneId.of("Europe/Stockholm")).toInstant());
        platform.rejectWhen(a -> a.getIdentifier().stream().anyMatch(i -> id.equals(i.getValue())) && refusedStart.equals(a.getStart()),
                412, "the booking was changed on the platform");
        assertThat(send(booking(SiuMessages.s13(), id, patient, "070-111 22 06", 1).start(refused).build())).contains("MSA|AA");
        AdminClient admin = new AdminClient(httpPort);
        await().until(() -> admin.deadLetters("DLQ.platform.appointment").stream().anyMatch(r -> id.equals(r.get("bookingId"))));

        LocalDateTime applied = START.plusDays(3);
        send(booking(SiuMessages.s13(), id, patient, "070-111 22 06", 2).start(applied).build());
        await().until(() -> to("+46701112206").size() >= 2);
        await().during(Duration.ofMillis(800)).atMost(Duration.ofSeconds(3)).until(() -> to("+46701112206").size() == 2);
        assertThat(to("+46701112206")).extracting(ReceivedSms::text).satisfiesExactly(
                t -> assertThat(t).contains("videobesök", "2026-12-01"),
                t -> assertThat(t).contains("ändrad", "2026-12-04").doesNotContain("2026-12-03"));
    }

    @Test
    void aChangeInTheSameMinuteAsTheBookingIsTold() {
        String id = newBookingId();
        String patient = TestPersons.next();
        send(booking(SiuMessages.s12(), id, patient, "070-111 22 07", 0).build());
        send(booking(SiuMessages.s13(), id, patient, "070-111 22 07", 0).start(START.plusDays(1)).build());
        send(booking(SiuMessages.s15(), id, patient, "070-111 22 07", 0).start(START.plusDays(1)).build());
        await().until(() -> to("+46701112207").size() >= 3);
        assertThat(to("+46701112207")).extracting(ReceivedSms::text).satisfiesExactly(
                t -> assertThat(t).contains("videobesök", "2026-12-01"),
                t -> assertThat(t).contains("ändrad", "2026-12-02"),
                t -> assertThat(t).contains("avbokad", "2026-12-02"));
    }
}
