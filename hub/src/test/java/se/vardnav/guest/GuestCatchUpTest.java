package se.vardnav.guest;

import ca.uhn.fhir.context.FhirContext;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.flywaydb.core.Flyway;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Appointment.AppointmentStatus;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;
import se.vardnav.booking.BookingKey;
import se.vardnav.booking.BookingLinks;
import se.vardnav.fhir.Fhir;
import se.vardnav.notification.SmsTemplates;
import se.vardnav.privacy.TestKeys;

import java.io.FileInputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A booking without guests costs guest bookkeeping one read and no row (issue 15); guests posted after the booking
 * was applied catch up from the booking link, as platform-delivery recorded it. On the production migrations (H2).
 */
class GuestCatchUpTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-30T08:00:00Z"), ZoneOffset.UTC);
    private static final Instant START = Instant.parse("2026-12-01T08:00:00Z");
    private final FhirContext fhir = FhirContext.forR4Cached();
    private final JdbcTemplate jdbc = database();
    private final BookingLinks links = new BookingLinks(jdbc, CLOCK);
    private final GuestInvitations invitations = invitations();

    @Test
    void aBookingWithoutGuestsLeavesNoGuestRow() {
        List<?> notices = applied("B-1", 1, AppointmentStatus.BOOKED, START);
        assertThat(notices).isEmpty();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM guest_booking", Integer.class)).isZero();
    }

    @Test
    void guestsPostedAfterTheBookingWasAppliedAreInvitedAtOnceWithItsStart() {
        applied("B-2", 1, AppointmentStatus.BOOKED, START);
        GuestInvitations.Posted posted = invitations.addGuests(post("B-2"));
        assertThat(posted.answer().status()).isEqualTo("invited");
        assertThat(posted.answer().guests()).hasSize(1);
        assertThat(posted.notices()).hasSize(2); // SMS and e-mail

        // the booking's next event with the same start (this version already caught up, or a later one) invites nobody again
        assertThat(applied("B-2", 1, AppointmentStatus.BOOKED, START)).hasSize(2); // the same version again: the same keys
        assertThat(applied("B-2", 2, AppointmentStatus.BOOKED, START)).isEmpty();
        // a reschedule invites again, a cancel tells the guest
        assertThat(applied("B-2", 3, AppointmentStatus.BOOKED, START.plusSeconds(3600))).hasSize(2);
        assertThat(applied("B-2", 4, AppointmentStatus.CANCELLED, null)).hasSize(2);
    }

    @Test
    void guestsPostedAfterACancelAreToldItIsCancelled() {
        applied("B-3", 1, AppointmentStatus.BOOKED, START);
        applied("B-3", 2, AppointmentStatus.CANCELLED, null);
        GuestInvitations.Posted posted = invitations.addGuests(post("B-3"));
        assertThat(posted.answer().status()).isEqualTo("cancelled");
        assertThat(posted.notices()).isEmpty();
    }

    @Test
    void guestsPostedBeforeTheBookingWaitAndAreInvitedWhenItIsApplied() {
        GuestInvitations.Posted posted = invitations.addGuests(post("B-4"));
        assertThat(posted.answer().status()).isEqualTo("waiting");
        assertThat(applied("B-4", 1, AppointmentStatus.BOOKED, START)).hasSize(2);
    }

    /** What platform-delivery does: the link first, then guest bookkeeping. */
    private List<?> applied(String bookingId, long arrival, AppointmentStatus status, Instant start) {
        long version = 1_000_000L * arrival;
        Appointment a = new Appointment();
        a.addIdentifier().setSystem(Fhir.JOURNAL_BOOKING_ID).setValue(bookingId);
        a.getMeta().setVersionId(Long.toString(version));
        a.setStatus(status);
        if (start != null) {
            a.setStart(Date.from(start));
            a.setEnd(Date.from(start.plusSeconds(1800)));
        }
        BookingKey key = new BookingKey(BookingKey.DEFAULT_SOURCE, bookingId, version);
        links.applied(key, "P-" + bookingId, status.toCode(), start, links.find(key.source(), bookingId).isPresent());
        return invitations.bookingApplied(fhir.newJsonParser().encodeResourceToString(a));
    }

    private static GuestPost post(String bookingId) {
        return new GuestPost(BookingKey.DEFAULT_SOURCE, bookingId,
                List.of(new GuestContact("k-" + bookingId, "interpreter", "+46705551001", "tolk@example.se", "Tolkesson", "g-1")));
    }

    private GuestInvitations invitations() {
        try (var sms = new FileInputStream("notification-templates/sms-sv.properties");
             var email = new FileInputStream("notification-templates/email-sv.properties")) {
            GuestNotices notices = new GuestNotices(new SmsTemplates(sms), new SmsTemplates(email), ZoneId.of("Europe/Stockholm"),
                    "https://v.test/g/", new GuestTokens("a-secret-of-sufficient-length"));
            TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(jdbc.getDataSource()));
            return new GuestInvitations(fhir, tx, new GuestStore(jdbc, CLOCK, TestKeys.cipher()), notices, new SimpleMeterRegistry(), links);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static JdbcTemplate database() {
        String url = "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        Flyway.configure().dataSource(url, "sa", "").locations("classpath:db/migration").load().migrate();
        return new JdbcTemplate(new DriverManagerDataSource(url, "sa", ""));
    }
}
