package se.vardnav.booking;

import ca.uhn.fhir.context.FhirContext;
import org.hl7.fhir.r4.model.Appointment;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import se.vardnav.sim.journal.SiuMessages;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Date;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The intake's numbering: a duplicate is the same message, never the same event time. */
class BookingVersionsTest {
    private static final LocalDateTime T = LocalDateTime.of(2025, 3, 1, 8, 0);
    private final JdbcTemplate jdbc = MigratedH2.create();
    private final BookingVersions versions = versions(jdbc, MigratedH2.CLOCK);

    private static BookingVersions versions(JdbcTemplate jdbc, Clock clock) {
        return new BookingVersions(jdbc, MigratedH2.transactions(jdbc), FhirContext.forR4Cached(), clock, Duration.ofMinutes(5), Duration.ofDays(30));
    }

    private static Appointment event(SiuMessages m) {
        return BookingPolicyTest.event(m.bookingId("B1").start(LocalDateTime.of(2025, 3, 10, 9, 30)).minutes(20)
                .timeType("VIDEO", null).patient(BookingPolicyTest.PNR));
    }

    private long assign(BookingVersions v, Appointment a, String messageId) throws InvalidBookingException {
        v.assign(a, messageId, "MSH-7");
        return BookingKey.of(a).version();
    }

    @Test
    void eventsWithTheSameEventTimeAreNewerInTheOrderTheyArrived() throws Exception {
        long booked = assign(versions, event(SiuMessages.s12().messageTime(T)), "C1");
        long moved = assign(versions, event(SiuMessages.s13().messageTime(T).start(LocalDateTime.of(2025, 3, 11, 9, 30))), "C2");
        long cancelled = assign(versions, event(SiuMessages.s15().messageTime(T)), "C3");
        assertThat(moved).isGreaterThan(booked);
        assertThat(cancelled).isGreaterThan(moved);
        assertThat(BookingVersion.eventTime(cancelled)).isEqualTo(BookingVersion.eventTime(booked));
        // a later event time is newer whatever the arrival; an earlier one older
        long later = assign(versions, event(SiuMessages.s14().messageTime(T.plusSeconds(1)).comment("x")), "C4");
        long earlier = assign(versions, event(SiuMessages.s14().messageTime(T.minusMinutes(1)).comment("y")), "C5");
        assertThat(later).isGreaterThan(cancelled);
        assertThat(earlier).isLessThan(booked);
    }

    @Test
    void aResendOfTheSameMessageIdIsTheSameVersionWhateverCameBetween() throws Exception {
        Appointment booked = event(SiuMessages.s12().messageTime(T));
        long first = assign(versions, booked.copy(), "C1");
        assign(versions, event(SiuMessages.s15().messageTime(T)), "C2");
        Appointment resend = booked.copy();
        BookingVersions.Assigned again = versions.assign(resend, "C1", "MSH-7");
        assertThat(again.duplicate()).isTrue();
        assertThat(again.version()).isEqualTo(first);
        assertThat(BookingKey.of(resend).version()).isEqualTo(first);
    }

    @Test
    void identicalContentUnderANewIdIsADuplicateOfTheLastEventButAChangeBackIsNot() throws Exception {
        Appointment booked = event(SiuMessages.s12().messageTime(T));
        long first = assign(versions, booked.copy(), "C1");
        BookingVersions.Assigned resent = versions.assign(booked.copy(), "C1-retry", "MSH-7");
        assertThat(resent.duplicate()).isTrue();
        assertThat(resent.version()).isEqualTo(first);
        // cancelled, then booked again in the same minute: content as before, yet a new event
        assign(versions, event(SiuMessages.s15().messageTime(T)), "C2");
        BookingVersions.Assigned rebooked = versions.assign(booked.copy(), "C3", "MSH-7");
        assertThat(rebooked.duplicate()).isFalse();
        assertThat(rebooked.version()).isGreaterThan(first);
        // and the retry's id stays a resend of the first
        assertThat(versions.assign(booked.copy(), "C1-retry", "MSH-7").version()).isEqualTo(first);
    }

    @Test
    void withoutMessageIdsTheSameContentIsADuplicateAndChangedContentWithTheSameTimeIsNew() throws Exception {
        Appointment a = event(SiuMessages.s12().messageTime(T));
        a.setId("Appointment/B1");
        long first = assign(versions, a.copy(), null);
        Appointment put = a.copy();
        put.getMeta().setVersionId("7"); // the sender's own version is not the hub's
        assertThat(versions.assign(put, null, "Appointment.meta.lastUpdated")).isEqualTo(new BookingVersions.Assigned(first, true));
        Appointment changed = a.copy();
        changed.setComment("flyttad");
        assertThat(assign(versions, changed, null)).isGreaterThan(first);
    }

    @Test
    void anEventWithoutEventTimeIsTimedByItsArrival() throws Exception {
        Appointment a = event(SiuMessages.s12().messageTime(T));
        a.getMeta().setLastUpdated(null);
        long v = assign(versions, a.copy(), null);
        assertThat(BookingVersion.eventTime(v)).isEqualTo(MigratedH2.CLOCK.instant());
        assertThat(versions.assign(a.copy(), null, "Appointment.meta.lastUpdated").duplicate()).as("the same content sent again").isTrue();
    }

    @Test
    void theNumberingSurvivesARestart() throws Exception {
        long before = assign(versions, event(SiuMessages.s12().messageTime(T)), "C1");
        BookingVersions restarted = versions(jdbc, MigratedH2.CLOCK);
        long after = assign(restarted, event(SiuMessages.s15().messageTime(T)), "C2");
        assertThat(after).isGreaterThan(before);
        assertThat(assign(restarted, event(SiuMessages.s12().messageTime(T)), "C1")).isEqualTo(before);
    }

    @Test
    void anEventTimeTooFarAheadOfTheHubsClockIsRefusedWithTheReason() throws Exception {
        Instant now = MigratedH2.CLOCK.instant();
        Appointment ahead = event(SiuMessages.s12().messageTime(T));
        ahead.getMeta().setLastUpdated(Date.from(now.plus(Duration.ofMinutes(6))));
        assertThatThrownBy(() -> versions.assign(ahead, "C1", "MSH-7"))
                .isInstanceOf(InvalidBookingException.class)
                .hasMessageContaining("MSH-7").hasMessageContaining("ahead of the hub's clock").hasMessageContaining("5 min")
                .hasMessageNotContaining(BookingPolicyTest.PNR);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM intake_message", Integer.class)).as("nothing numbered").isZero();
        Appointment withinTolerance = event(SiuMessages.s12().messageTime(T));
        withinTolerance.getMeta().setLastUpdated(Date.from(now.plus(Duration.ofMinutes(4))));
        assertThat(versions.assign(withinTolerance, "C2", "MSH-7").duplicate()).isFalse();
        // the same event once the hub's clock has caught up
        BookingVersions later = versions(jdbc, Clock.fixed(now.plus(Duration.ofMinutes(10)), ZoneOffset.UTC));
        assertThat(later.assign(ahead, "C1", "MSH-7").duplicate()).isFalse();
    }

    @Test
    void anEventTimeFromAClockResetToZeroIsRefused() {
        Appointment reset = event(SiuMessages.s12().messageTime(LocalDateTime.of(1970, 1, 1, 1, 0)));
        assertThatThrownBy(() -> versions.assign(reset, "C1", "MSH-7"))
                .isInstanceOf(InvalidBookingException.class).hasMessageContaining("MSH-7").hasMessageContaining("not a plausible time");
    }

    @Test
    void messageIdsAreForgottenAfterTheRetention() throws Exception {
        assign(versions, event(SiuMessages.s12().messageTime(T)), "C1");
        assertThat(versions.forgetOldMessageIds()).isZero();
        BookingVersions monthLater = new BookingVersions(jdbc, MigratedH2.transactions(jdbc), FhirContext.forR4Cached(),
                Clock.fixed(MigratedH2.CLOCK.instant().plus(Duration.ofDays(31)), ZoneOffset.UTC), Duration.ofMinutes(5), Duration.ofDays(30));
        assertThat(monthLater.forgetOldMessageIds()).isEqualTo(1);
    }

    @Test
    void theVersionOrdersByEventTimeThenArrival() {
        Instant t = Instant.parse("2026-11-20T07:00:00Z");
        assertThat(BookingVersion.of(t, 2)).isGreaterThan(BookingVersion.of(t, 1));
        assertThat(BookingVersion.of(t.plusMillis(1), 0)).isGreaterThan(BookingVersion.of(t, BookingVersion.MAX_ARRIVAL));
        assertThat(BookingVersion.eventTime(BookingVersion.of(t, 5))).isEqualTo(t);
        assertThat(BookingVersion.arrival(BookingVersion.of(t, 5))).isEqualTo(5);
        Instant before1970 = Instant.parse("1960-01-01T00:00:00Z");
        assertThat(BookingVersion.of(before1970, 3)).isLessThan(BookingVersion.of(t, 0));
        assertThat(BookingVersion.eventTime(BookingVersion.of(before1970, 3))).isEqualTo(before1970);
    }
}
