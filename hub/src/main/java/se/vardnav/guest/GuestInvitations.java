package se.vardnav.guest;

import ca.uhn.fhir.context.FhirContext;
import io.micrometer.core.instrument.MeterRegistry;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Appointment.AppointmentStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;
import se.vardnav.booking.BookingKey;
import se.vardnav.booking.BookingLinks;
import se.vardnav.notification.Notice;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Guest invitations ("Bjud in deltagare"). The platform posts a booking's guests at any time; they are
 * invited only once the booking is confirmed (delivered to the platform, status booked). Each confirmed
 * start is a round: every guest gets a link of their own, and the booking a general link. A later event
 * with a new start revokes the round's links and invites everyone again with new ones; a cancel revokes
 * them and tells the invited guests.
 * <p>
 * The state change is one database transaction under a row lock (a guest post and a booking event of the
 * same booking take turns); the notices are queued after commit. A failure in between is repaired by
 * the retry (the same booking version redelivered, or the platform posting again): the same notices are
 * queued again under the same business keys, and the dispatchers send each key once.
 */
public class GuestInvitations {
    private static final Logger log = LoggerFactory.getLogger(GuestInvitations.class);
    private final FhirContext fhir;
    private final GuestStore store;
    private final GuestNotices notices;
    private final TransactionTemplate tx;
    private final MeterRegistry meters;
    private final BookingLinks links;

    public GuestInvitations(FhirContext fhir, TransactionTemplate tx, GuestStore store, GuestNotices notices, MeterRegistry meters,
                            BookingLinks links) {
        this.fhir = fhir;
        this.links = links;
        this.store = store;
        this.notices = notices;
        this.tx = tx;
        this.meters = meters;
    }

    /** What the platform is told: waiting (not confirmed yet), invited (with the links) or cancelled. */
    public record Answer(String status, String generalLink, List<GuestLink> guests) {}

    public record GuestLink(GuestContact guest, String link) {
        @Override
        public String toString() {
            return "GuestLink[" + guest + "]";
        }
    }

    /** What the platform's guests post gets: the answer, and the notices to queue before it is given. */
    public record Posted(Answer answer, List<Notice> notices) {}

    /**
     * After the platform applied a booking event (or already had this version): invite, re-invite or tell of the
     * cancel. Returns the notices (SMS and e-mail) that platform-delivery then queues.
     * <p>
     * A booking nobody posted guests for has no row here: one read and nothing else (most bookings). A post that
     * makes the row afterwards catches up from what {@link BookingLinks} says was applied, which platform-delivery
     * wrote before calling this: whichever of the two comes second sees the other.
     */
    public List<Notice> bookingApplied(String appointmentJson) {
        Appointment a = fhir.newJsonParser().parseResource(Appointment.class, appointmentJson);
        BookingKey key = BookingKey.of(a);
        if (!store.exists(key.source(), key.bookingId())) {
            return List.of();
        }
        Instant start = a.hasStart() ? a.getStart().toInstant() : null;
        List<GuestNotices.Planned> planned = tx.execute(s -> applied(store.lock(key.source(), key.bookingId()), key.version(), a.getStatus(), start));
        return counted(planned);
    }

    /** Applies one booking version to the locked guest row; {@code given} is the event's start, null if it has none. */
    private List<GuestNotices.Planned> applied(GuestStore.Booking b, long v, AppointmentStatus status, Instant given) {
        if (v < b.lastVersion()) {
            return List.of();
        }
        if (v == b.lastVersion()) {
            return again(b, v);
        }
        Instant start = given != null ? given : b.start();
        if (status == AppointmentStatus.BOOKED) {
            boolean sameRound = b.roundVersion() != null && "BOOKED".equals(b.status()) && Objects.equals(start, b.start());
            if (sameRound) {
                store.save(new GuestStore.Booking(b.source(), b.bookingId(), v, b.status(), b.start(), b.roundVersion(), b.cancelVersion()));
                return List.of();
            }
            // links exist only once a round has begun: most bookings have no guests and cost a lookup, no more
            boolean reinvite = b.roundVersion() != null;
            int revoked = reinvite ? store.revokeActive(b.source(), b.bookingId()) : 0;
            GuestStore.Booking round = new GuestStore.Booking(b.source(), b.bookingId(), v, "BOOKED", start, v, null);
            store.save(round);
            List<GuestStore.Guest> guests = store.guests(b.source(), b.bookingId());
            if (guests.isEmpty()) {
                return List.of();
            }
            store.link(b.source(), b.bookingId(), v, null, notices.tokens());
            List<GuestNotices.Planned> planned = invitations(round, guests, reinvite);
            log.info("Booking {} confirmed for guests: {} notice(s) planned, {} old link(s) revoked", b.bookingId(), planned.size(), revoked);
            return planned;
        }
        if (status == AppointmentStatus.CANCELLED || status == AppointmentStatus.NOSHOW || status == AppointmentStatus.ENTEREDINERROR) {
            boolean invited = "BOOKED".equals(b.status()) && b.roundVersion() != null;
            if (b.roundVersion() != null) {
                store.revokeActive(b.source(), b.bookingId());
            }
            GuestStore.Booking cancelled = new GuestStore.Booking(b.source(), b.bookingId(), v, "CANCELLED", start, b.roundVersion(),
                    invited ? Long.valueOf(v) : b.cancelVersion());
            store.save(cancelled);
            List<GuestNotices.Planned> planned = invited ? cancellations(cancelled) : List.of();
            if (invited) {
                log.info("Booking {} cancelled: {} guest notice(s) planned", b.bookingId(), planned.size());
            }
            return planned;
        }
        // arrived and the like change nothing for guests
        store.save(new GuestStore.Booking(b.source(), b.bookingId(), v, b.status(), b.start(), b.roundVersion(), b.cancelVersion()));
        return List.of();
    }

    /**
     * The status to catch up with: only the last one applied is known, so a visit the patient has arrived at (or
     * that took place) was booked before, as the row would say had it existed then.
     */
    private static AppointmentStatus caughtUp(String code) {
        AppointmentStatus status = AppointmentStatus.fromCode(code);
        return switch (status) {
            case ARRIVED, CHECKEDIN, FULFILLED -> AppointmentStatus.BOOKED;
            default -> status;
        };
    }

    /** The same version again (a redelivery after a failure): queue again what it planned; the keys make it once. */
    private List<GuestNotices.Planned> again(GuestStore.Booking b, long v) {
        if ("BOOKED".equals(b.status()) && Objects.equals(b.roundVersion(), v)) {
            return invitations(b, store.guests(b.source(), b.bookingId()), store.hasEarlierRound(b.source(), b.bookingId(), v));
        }
        if ("CANCELLED".equals(b.status()) && Objects.equals(b.cancelVersion(), v)) {
            return cancellations(b);
        }
        return List.of();
    }

    /** The platform's guests of a booking: stored, and invited at once if the booking is confirmed (the notices to queue). */
    public Posted addGuests(GuestPost post) {
        store.ensureBooking(post.source(), post.bookingId());
        List<GuestNotices.Planned> planned = new ArrayList<>();
        Answer answer = tx.execute(s -> {
            GuestStore.Booking b = store.lock(post.source(), post.bookingId());
            // the booking may have been applied before this row existed: bring the row up to it first
            var applied = links.lastApplied(post.source(), post.bookingId());
            if (applied.isPresent() && applied.get().version() > b.lastVersion()) {
                planned.addAll(applied(b, applied.get().version(), caughtUp(applied.get().status()), applied.get().start()));
                b = store.lock(post.source(), post.bookingId());
            }
            List<GuestStore.Guest> guests = new ArrayList<>();
            for (GuestContact g : post.guests()) {
                long id = store.addGuest(post.source(), post.bookingId(), g);
                guests.add(store.guest(id).orElseThrow());
            }
            if (!"BOOKED".equals(b.status()) || b.roundVersion() == null) {
                return new Answer("CANCELLED".equals(b.status()) ? "cancelled" : "waiting", null, List.of());
            }
            List<GuestLink> links = new ArrayList<>();
            for (int i = 0; i < guests.size(); i++) {
                GuestStore.Link link = store.link(b.source(), b.bookingId(), b.roundVersion(), guests.get(i).id(), notices.tokens());
                planned.addAll(notices.invitation(guests.get(i), link, b.bookingId(), b.start(), false));
                links.add(new GuestLink(post.guests().get(i), notices.url(link)));
            }
            GuestStore.Link general = store.link(b.source(), b.bookingId(), b.roundVersion(), null, notices.tokens());
            return new Answer("invited", notices.url(general), links);
        });
        meters.counter("vardnav.guests.posted", "status", answer.status()).increment(post.guests().size());
        log.info("Booking {}: {} guest(s) posted by the platform, {}", post.bookingId(), post.guests().size(), answer.status());
        return new Posted(answer, counted(planned));
    }

    private List<GuestNotices.Planned> invitations(GuestStore.Booking b, List<GuestStore.Guest> guests, boolean reinvite) {
        List<GuestNotices.Planned> planned = new ArrayList<>();
        for (GuestStore.Guest g : guests) {
            GuestStore.Link link = store.link(b.source(), b.bookingId(), b.roundVersion(), g.id(), notices.tokens());
            planned.addAll(notices.invitation(g, link, b.bookingId(), b.start(), reinvite));
        }
        return planned;
    }

    private List<GuestNotices.Planned> cancellations(GuestStore.Booking b) {
        List<GuestNotices.Planned> planned = new ArrayList<>();
        for (GuestStore.Link link : store.guestLinks(b.source(), b.bookingId(), b.roundVersion())) {
            store.guest(link.guestId()).ifPresent(g -> planned.addAll(notices.cancelled(g, b.cancelVersion(), b.bookingId(), b.start())));
        }
        return planned;
    }

    private List<Notice> counted(List<GuestNotices.Planned> planned) {
        List<Notice> out = new ArrayList<>(planned.size());
        for (GuestNotices.Planned p : planned) {
            out.add(p.sms() != null ? p.sms() : p.email());
            meters.counter("vardnav.guests.notices", "channel", p.sms() != null ? "sms" : "email").increment();
        }
        return out;
    }
}
