package se.vardnav.booking;

import org.hl7.fhir.r4.model.Appointment;
import org.junit.jupiter.api.Test;
import se.vardnav.sim.journal.SiuMessages;
import se.vardnav.sim.platform.PlatformWrite;
import se.vardnav.support.AdminClient;
import se.vardnav.support.HubTestBase;
import se.vardnav.support.TestPersons;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Date;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Exactly one effect per booking version, in order, whatever the journal system or the platform does. */
class OrderingAndIdempotencyIT extends HubTestBase {
    private static final LocalDateTime T0 = LocalDateTime.of(2026, 11, 20, 8, 0);
    private static final LocalDateTime START = LocalDateTime.of(2026, 12, 3, 13, 0);

    private SiuMessages booking(SiuMessages m, String id, String patient, int minuteOfVersion) {
        return m.bookingId(id).start(START).minutes(20).timeType("BESOK", "Mottagningsbesök")
                .patient(patient).staff("SE2321000016-1234", "Lind").messageTime(T0.plusMinutes(minuteOfVersion));
    }

    private List<PlatformWrite> writesOf(String id) {
        return platform.writes().stream().filter(w -> id.equals(w.bookingId())).toList();
    }

    private static Date at(LocalDateTime t) {
        return Date.from(t.atZone(ZoneId.of("Europe/Stockholm")).toInstant());
    }

    @Test
    void theSameSiuSentTwiceHasOneEffect() {
        String id = newBookingId();
        String patient = TestPersons.next();
        String s12 = booking(SiuMessages.s12(), id, patient, 0).controlId("CTRL-" + id).build();
        assertThat(send(s12)).contains("MSA|AA");
        assertThat(send(s12)).as("a resend is acknowledged again").contains("MSA|AA");
        // the same event resent under a new control id (the journal system's own retry)
        assertThat(send(booking(SiuMessages.s12(), id, patient, 0).build())).contains("MSA|AA");
        // a later event of the same booking is consumed after them (message group order)
        send(booking(SiuMessages.s14(), id, patient, 1).comment("sist").build());
        await().until(() -> "sist".equals(platform.findByBookingId(id).map(Appointment::getComment).orElse(null)));
        assertThat(writesOf(id)).hasSize(2);
    }

    @Test
    void anOlderVersionArrivingAfterANewerOneChangesNothing() {
        String id = newBookingId();
        String patient = TestPersons.next();
        LocalDateTime moved = START.plusHours(2);
        send(booking(SiuMessages.s13(), id, patient, 5).start(moved).build());
        await().until(() -> platform.findByBookingId(id).isPresent());
        send(booking(SiuMessages.s12(), id, patient, 1).build());
        send(booking(SiuMessages.s14(), id, patient, 6).start(moved).comment("senaste").build());
        await().until(() -> "senaste".equals(platform.findByBookingId(id).map(Appointment::getComment).orElse(null)));
        assertThat(writesOf(id)).hasSize(2);
        assertThat(platform.findByBookingId(id).orElseThrow().getStart()).isEqualTo(at(moved));
    }

    @Test
    void platformDownForAWhileThenEverythingArrivesInOrder() {
        String id = newBookingId();
        String patient = TestPersons.next();
        platform.goDown();
        assertThat(send(booking(SiuMessages.s12(), id, patient, 0).build())).contains("MSA|AA");
        assertThat(send(booking(SiuMessages.s13(), id, patient, 1).start(START.plusDays(1)).build())).contains("MSA|AA");
        assertThat(send(booking(SiuMessages.s15(), id, patient, 2).start(START.plusDays(1)).build())).contains("MSA|AA");
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> writesOf(id).isEmpty());
        platform.comeUp();
        await().atMost(Duration.ofSeconds(20)).until(() -> writesOf(id).size() == 3);
        assertThat(platform.findByBookingId(id).orElseThrow().getStatus()).isEqualTo(Appointment.AppointmentStatus.CANCELLED);
        List<PlatformWrite> writes = writesOf(id);
        assertThat(writes.get(0).receivedAt()).isBeforeOrEqualTo(writes.get(1).receivedAt());
    }

    @Test
    void platformServerErrorsAreRetriedUntilDelivered() {
        String id = newBookingId();
        platform.failNext(3, 503);
        send(booking(SiuMessages.s12(), id, TestPersons.next(), 0).build());
        await().atMost(Duration.ofSeconds(20)).until(() -> platform.findByBookingId(id).isPresent());
        assertThat(writesOf(id)).hasSize(1);
    }

    // A duplicate is the same message, never the same event time (senders with second or minute precision).

    @Test
    void aCancelInTheSameMinuteAsTheBookingIsApplied() {
        String id = newBookingId();
        String patient = TestPersons.next();
        assertThat(send(booking(SiuMessages.s12(), id, patient, 0).build())).contains("MSA|AA");
        assertThat(send(booking(SiuMessages.s15(), id, patient, 0).build())).contains("MSA|AA");
        await().until(() -> platform.findByBookingId(id).map(Appointment::getStatus).orElse(null) == Appointment.AppointmentStatus.CANCELLED);
        assertThat(writesOf(id)).hasSize(2);
    }

    @Test
    void eventsWithTheSameEventTimeApplyInTheOrderTheyArrived() {
        String id = newBookingId();
        String patient = TestPersons.next();
        LocalDateTime moved = START.plusHours(3);
        send(booking(SiuMessages.s12(), id, patient, 0).build());
        send(booking(SiuMessages.s13(), id, patient, 0).start(moved).build());
        send(booking(SiuMessages.s14(), id, patient, 0).start(moved).comment("sist").build());
        await().until(() -> "sist".equals(platform.findByBookingId(id).map(Appointment::getComment).orElse(null)));
        assertThat(writesOf(id)).hasSize(3);
        assertThat(platform.findByBookingId(id).orElseThrow().getStart()).isEqualTo(at(moved));
    }

    @Test
    void aResendOfAnEarlierMessageAfterANewerOneWithTheSameTimeChangesNothing() {
        String id = newBookingId();
        String patient = TestPersons.next();
        String booked = booking(SiuMessages.s12(), id, patient, 0).controlId("BOOK-" + id).build();
        send(booked);
        send(booking(SiuMessages.s15(), id, patient, 0).controlId("CANCEL-" + id).build());
        await().until(() -> platform.findByBookingId(id).map(Appointment::getStatus).orElse(null) == Appointment.AppointmentStatus.CANCELLED);
        assertThat(send(booked)).as("a resend is acknowledged again").contains("MSA|AA");
        // a marker after it in the same group: once it is applied, the resend has been consumed (or dropped)
        send(booking(SiuMessages.s15(), id, patient, 1).comment("markör").build());
        await().until(() -> "markör".equals(platform.findByBookingId(id).map(Appointment::getComment).orElse(null)));
        assertThat(writesOf(id)).as("booked, cancelled, the marker: the resend did not book it again").hasSize(3);
    }

    // A sender's wrong clock must not block a booking for good.

    @Test
    void anEventTimeFarAheadOfTheHubsClockGetsAeAndLaterRealEventsStillApply() {
        String id = newBookingId();
        String patient = TestPersons.next();
        String ack = send(booking(SiuMessages.s12(), id, patient, 0).messageTime(LocalDateTime.of(2099, 1, 1, 8, 0)).build());
        assertThat(ack).contains("MSA|AE").contains("MSH-7").contains("ahead of the hub's clock");
        AdminClient admin = new AdminClient(httpPort);
        await().until(() -> admin.deadLetters("DLQ.journal.inbound").stream()
                .anyMatch(r -> String.valueOf(r.get("reason")).contains("AE: MSH-7: event time 2099-01-01")));
        assertThat(send(booking(SiuMessages.s12(), id, patient, 0).build())).contains("MSA|AA");
        assertThat(send(booking(SiuMessages.s15(), id, patient, 1).build())).contains("MSA|AA");
        await().until(() -> platform.findByBookingId(id).map(Appointment::getStatus).orElse(null) == Appointment.AppointmentStatus.CANCELLED);
    }

    @Test
    void anEventRefusedForItsTimeAndReplayedLaterAppliesAfterTheEventsBeforeIt() {
        String id = newBookingId();
        String patient = TestPersons.next();
        LocalDateTime eventTime = T0.plusMinutes(7);
        send(booking(SiuMessages.s12(), id, patient, 7).build());
        await().until(() -> platform.findByBookingId(id).isPresent());
        // the hub's clock is an hour behind the sender's: the cancel (same minute as the booking) is refused
        clock.setNow(at(eventTime).toInstant().minus(Duration.ofHours(1)));
        assertThat(send(booking(SiuMessages.s15(), id, patient, 7).build())).contains("MSA|AE");
        AdminClient admin = new AdminClient(httpPort);
        await().until(() -> refusedAhead(admin, eventTime) != null);
        clock.reset();
        assertThat(admin.replay("DLQ.journal.inbound", (String) refusedAhead(admin, eventTime).get("messageId"))).isEqualTo(200);
        await().until(() -> platform.findByBookingId(id).map(Appointment::getStatus).orElse(null) == Appointment.AppointmentStatus.CANCELLED);
        assertThat(writesOf(id)).hasSize(2);
    }

    private static Map<String, Object> refusedAhead(AdminClient admin, LocalDateTime eventTime) {
        String time = at(eventTime).toInstant().toString();
        return admin.deadLetters("DLQ.journal.inbound").stream()
                .filter(r -> String.valueOf(r.get("reason")).contains("event time " + time)).findFirst().orElse(null);
    }
}
