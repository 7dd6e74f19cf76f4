package se.vardnav.notification;

import org.junit.jupiter.api.Test;
import se.vardnav.sim.journal.SiuMessages;
import se.vardnav.sim.sms.ReceivedSms;
import se.vardnav.support.HubTestBase;
import se.vardnav.support.TestPersons;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The reminder 15 minutes before a video meeting, with the clock moved by the test. */
class ReminderIT extends HubTestBase {
    private static final ZoneId SWEDEN = ZoneId.of("Europe/Stockholm");
    private static final LocalDateTime T0 = LocalDateTime.of(2026, 11, 20, 8, 0);

    private SiuMessages video(SiuMessages m, String id, String patient, String mobile, LocalDateTime start, int minute) {
        return m.bookingId(id).start(start).minutes(20).timeType("VIDEO", "Videobesök").patient(patient).patientMobile(mobile)
                .staff("SE2321000016-1234", "Lind").messageTime(T0.plusMinutes(minute));
    }

    private List<ReceivedSms> reminders(String e164) {
        return smsGateway.received().stream().filter(r -> e164.equals(r.to()) && r.text().startsWith("Påminnelse")).toList();
    }

    private void moveClockTo(LocalDateTime swedishTime) {
        clock.setNow(swedishTime.atZone(SWEDEN).toInstant());
    }

    private void awaitBookingOnPlatform(String id) {
        await().until(() -> platform.findByBookingId(id).isPresent());
    }

    /** A new video booking for the patient, on the platform and its reminder planned before the test goes on; returns its id. */
    private String bookedVideo(String patient, String mobile, LocalDateTime start) {
        String id = newBookingId();
        send(video(SiuMessages.s12(), id, patient, mobile, start, 0).build());
        awaitBookingOnPlatform(id);
        // planned once the platform has applied the booking, a moment after it shows there
        await().until(() -> !jdbc.queryForList("SELECT 1 FROM reminder WHERE booking_id = ?", id).isEmpty());
        return id;
    }

    @Test
    void firesFifteenMinutesBeforeStartAndNotEarlier() {
        LocalDateTime start = LocalDateTime.of(2026, 12, 20, 10, 0);
        bookedVideo(TestPersons.next(), "070-222 33 01", start);

        moveClockTo(start.minusMinutes(16));
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4)).until(() -> reminders("+46702223301").isEmpty());
        moveClockTo(start.minusMinutes(15));
        await().until(() -> reminders("+46702223301").size() == 1);
        assertThat(reminders("+46702223301").get(0).text()).contains("10:00");
    }

    @Test
    void aRescheduleMovesTheReminder() {
        LocalDateTime start = LocalDateTime.of(2026, 12, 21, 10, 0);
        LocalDateTime moved = start.plusHours(3);
        String id = newBookingId();
        String patient = TestPersons.next();
        send(video(SiuMessages.s12(), id, patient, "070-222 33 02", start, 0).build());
        send(video(SiuMessages.s13(), id, patient, "070-222 33 02", moved, 1).build());
        await().until(() -> platform.findByBookingId(id).map(a -> a.getStart().toInstant().equals(moved.atZone(SWEDEN).toInstant())).orElse(false));

        moveClockTo(start.minusMinutes(10));
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4)).until(() -> reminders("+46702223302").isEmpty());
        moveClockTo(moved.minusMinutes(15));
        await().until(() -> reminders("+46702223302").size() == 1);
        assertThat(reminders("+46702223302").get(0).text()).contains("13:00");
    }

    @Test
    void aCancelSuppressesTheReminder() {
        LocalDateTime start = LocalDateTime.of(2026, 12, 22, 10, 0);
        String id = newBookingId();
        String patient = TestPersons.next();
        send(video(SiuMessages.s12(), id, patient, "070-222 33 03", start, 0).build());
        send(video(SiuMessages.s15(), id, patient, "070-222 33 03", start, 1).build());
        await().until(() -> smsGateway.received().stream().anyMatch(r -> "+46702223303".equals(r.to()) && r.text().contains("avbokad")));

        moveClockTo(start.minusMinutes(14));
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4)).until(() -> reminders("+46702223303").isEmpty());
    }

    @Test
    void aPatientWhoDiedSinceTheBookingGetsNoReminderWhileOthersDo() {
        LocalDateTime start = LocalDateTime.of(2026, 12, 23, 10, 0);
        String deceased = TestPersons.next();
        String died = bookedVideo(deceased, "070-222 33 04", start);
        bookedVideo(TestPersons.next(), "070-222 33 05", start);
        register.markDeceased(deceased);

        moveClockTo(start.minusMinutes(15));
        await().until(() -> reminders("+46702223305").size() == 1);
        assertThat(reminders("+46702223304")).as("the register says deceased when the reminder fires").isEmpty();
        assertThat(jdbc.queryForList("SELECT status, request, patient_id FROM reminder WHERE booking_id = ?", died))
                .singleElement().satisfies(r -> assertThat(r).containsEntry("STATUS", "SKIPPED")
                        .containsEntry("REQUEST", null).containsEntry("PATIENT_ID", null));
    }

    @Test
    void aReminderWaitsWhileTheRegisterIsDownAndGoesOutOnceItIsBack() {
        LocalDateTime start = LocalDateTime.of(2026, 12, 24, 10, 0);
        String id = bookedVideo(TestPersons.next(), "070-222 33 06", start);

        register.goDown();
        try {
            moveClockTo(start.minusMinutes(15));
            await().until(() -> "FIRING".equals(status(id)));
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4))
                    .until(() -> reminders("+46702223306").isEmpty() && "FIRING".equals(status(id)));
        } finally {
            register.comeUp();
        }
        moveClockTo(start.minusMinutes(15).plusMinutes(1).plusSeconds(1)); // past the claim timeout
        await().until(() -> reminders("+46702223306").size() == 1);
        await().until(() -> "SENT".equals(status(id)));
    }

    @Test
    void eachGuardianIsCheckedAgainWhenTheChildsReminderFires() {
        LocalDateTime start = LocalDateTime.of(2026, 12, 26, 10, 0);
        String child = TestPersons.child(), mum = TestPersons.next(), dad = TestPersons.next();
        register.setGuardians(child, mum, dad);
        platform.addAccount(mum, "070-222 33 07", null);
        platform.addAccount(dad, "070-222 33 08", null);
        String id = bookedVideo(child, null, start);
        await().until(() -> smsGateway.received().stream().filter(r -> r.to().equals("+46702223307") || r.to().equals("+46702223308")).count() == 2);
        platform.blockAccount(dad);

        moveClockTo(start.minusMinutes(15));
        await().until(() -> reminders("+46702223307").size() == 1);
        assertThat(reminders("+46702223307").get(0).text()).contains("ditt barns videobesök");
        await().until(() -> jdbc.queryForList("SELECT status FROM reminder WHERE booking_id = ?", String.class, id),
                statuses -> statuses.size() == 2 && !statuses.contains("FIRING") && !statuses.contains("PENDING"));
        assertThat(reminders("+46702223308")).as("dad blocked his account after the booking").isEmpty();
    }

    @Test
    void theRegisterIsAskedAheadSoADeathIsSeenBeforeDueAndABurstNeedNotWaitForIt() {
        LocalDateTime start = LocalDateTime.of(2026, 12, 27, 10, 0);
        String deceased = TestPersons.next();
        String died = bookedVideo(deceased, "070-222 33 09", start);
        String lives = bookedVideo(TestPersons.next(), "070-222 33 10", start);
        register.markDeceased(deceased);

        moveClockTo(start.minusMinutes(16)); // within the 2-minute recheck lead, not yet due
        await().until(() -> "SKIPPED".equals(status(died)));
        await().until(() -> jdbc.queryForObject("SELECT checked_at FROM reminder WHERE booking_id = ?", java.sql.Timestamp.class, lives) != null);

        register.goDown();
        try {
            moveClockTo(start.minusMinutes(15));
            await().until(() -> reminders("+46702223310").size() == 1); // checked ahead: goes out though the register is down now
            assertThat(reminders("+46702223309")).isEmpty();
        } finally {
            register.comeUp();
        }
    }

    private String status(String bookingId) {
        return jdbc.queryForObject("SELECT status FROM reminder WHERE booking_id = ?", String.class, bookingId);
    }

    @Test
    void aRescheduleInTheSameMinuteMovesTheReminder() {
        LocalDateTime start = LocalDateTime.of(2026, 12, 21, 11, 0);
        LocalDateTime moved = start.plusHours(3);
        String id = newBookingId();
        String patient = TestPersons.next();
        send(video(SiuMessages.s12(), id, patient, "070-222 33 11", start, 0).build());
        send(video(SiuMessages.s13(), id, patient, "070-222 33 11", moved, 0).build());
        await().until(() -> platform.findByBookingId(id).map(a -> a.getStart().toInstant().equals(moved.atZone(SWEDEN).toInstant())).orElse(false));

        moveClockTo(start.minusMinutes(10));
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4)).until(() -> reminders("+46702223311").isEmpty());
        moveClockTo(moved.minusMinutes(15));
        await().until(() -> reminders("+46702223311").size() == 1);
        assertThat(reminders("+46702223311").get(0).text()).contains("14:00");
    }

    @Test
    void aRescheduleThePlatformRefusesLeavesTheReminderWhereThePlatformHasTheBooking() {
        LocalDateTime start = LocalDateTime.of(2026, 12, 23, 10, 0);
        LocalDateTime refused = start.plusHours(3);
        String id = newBookingId();
        String patient = TestPersons.next();
        send(video(SiuMessages.s12(), id, patient, "070-222 33 12", start, 0).build());
        awaitBookingOnPlatform(id);
        java.util.Date refusedStart = java.util.Date.from(refused.atZone(SWEDEN).toInstant());
        platform.rejectWhen(a -> refusedStart.equals(a.getStart()), 412, "changed on the platform");
        send(video(SiuMessages.s13(), id, patient, "070-222 33 12", refused, 1).build());
        se.vardnav.support.AdminClient admin = new se.vardnav.support.AdminClient(httpPort);
        await().until(() -> admin.deadLetters("DLQ.platform.appointment").stream().anyMatch(r -> id.equals(r.get("bookingId"))));

        moveClockTo(start.minusMinutes(15));
        await().until(() -> reminders("+46702223312").size() == 1);
        assertThat(reminders("+46702223312").get(0).text()).contains("10:00");
    }
}
