package se.vardnav.notification;

import ca.uhn.fhir.context.FhirContext;
import org.springframework.jdbc.core.JdbcTemplate;
import se.vardnav.privacy.DataCipher;
import se.vardnav.booking.BookingKey;
import se.vardnav.cluster.RowClaims;
import se.vardnav.connector.platform.PlatformTransientException;
import se.vardnav.connector.register.RegisterUnavailableException;
import org.hl7.fhir.r4.model.CommunicationRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Reminders before video meetings, kept in the database so they survive restarts. Planning a booking's
 * reminder again (a reschedule) replaces the earlier one; when one falls due it is checked against the
 * booking as the platform now has it, and sent only if that is still the version it was planned for,
 * and if the notification policy, asked again with the register and the platform as they are now,
 * still sends it to that recipient (see {@link Recheck}). Firing is driven by the route {@code reminders}:
 * {@link #claimDue} a batch, hand its SMS to notify.sms in one broker transaction (route notify-sms-batch),
 * then {@link #recordFired}.
 */
public class Reminders implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Reminders.class);
    /** Reminders claimed and handed on together: a bounded slice of memory, one broker commit. */
    static final int BATCH = 500;
    /** Far longer than one batch takes: an older claim is an instance that stopped mid-fire. */
    static final Duration DEFAULT_CLAIM_TIMEOUT = Duration.ofMinutes(1);

    private final JdbcTemplate jdbc;
    private final FhirContext fhir;
    private final NoticeEncoding encoding;
    private final Clock clock;
    private final RowClaims claims;
    private final Recheck recheck;
    private final Executor checks;
    private final Duration recheckLead;
    /** The planned SMS and the patient are sealed in the table (personal data at rest); the SMS stays sealed to notify.sms. */
    private final DataCipher cipher;

    /**
     * The notification policy asked again as a reminder fires ({@link NotificationPolicy#stillReaches}).
     * It may throw the register's or the platform's transient failure: the reminder then waits.
     */
    @FunctionalInterface
    public interface Recheck {
        /** Checks nothing: for reminders planned without a patient (rows from before V22, load tests). */
        Recheck NONE = (system, id, phone, recipient) -> true;

        boolean stillReaches(String patientSystem, String patientId, String phone, String recipientKey);
    }

    /** The patient a reminder is about (for a guardian's reminder: the child). */
    public record Patient(String system, String id) {
        @Override
        public String toString() {
            return "Patient[" + system + "]"; // never the number
        }
    }

    public Reminders(JdbcTemplate jdbc, FhirContext fhir, NoticeEncoding encoding, Clock clock, DataCipher cipher) {
        this(jdbc, fhir, encoding, clock, new RowClaims(jdbc, "local", DEFAULT_CLAIM_TIMEOUT), Recheck.NONE, Runnable::run, Duration.ZERO, cipher);
    }

    /**
     * @param claims      claims due reminders for this hub (several hubs on one database fire each once); its lease is
     *                    the claim timeout after which a reminder another hub claimed and never recorded is fired again
     * @param checks      runs the rechecks of one batch side by side: each is a register and a platform round trip,
     *                    so 500 in a row would make the last ones late
     * @param recheckLead how long before due {@link #recheckUpcoming} asks the policy ahead
     */
    public Reminders(JdbcTemplate jdbc, FhirContext fhir, NoticeEncoding encoding, Clock clock,
                     RowClaims claims, Recheck recheck, Executor checks, Duration recheckLead, DataCipher cipher) {
        this.cipher = cipher;
        this.jdbc = jdbc;
        this.fhir = fhir;
        this.encoding = encoding;
        this.clock = clock;
        this.claims = claims;
        this.recheck = recheck;
        this.checks = checks;
        this.recheckLead = recheckLead;
    }

    /** The rechecks are register and platform round trips, not CPU work: a few threads side by side. */
    static java.util.concurrent.ExecutorService checkThreads(int threads) {
        java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
        return java.util.concurrent.Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "reminder-check-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** Stops the recheck threads if this instance owns a pool (the application's bean does). */
    @Override
    public void close() {
        if (checks instanceof java.util.concurrent.ExecutorService pool) {
            pool.shutdown();
        }
    }

    public void plan(BookingKey booking, Instant due, SmsRequest sms) {
        plan(booking, null, null, due, sms);
    }

    /**
     * One reminder per recipient of the booking (a child's guardians each get their own).
     * @param patient   whom the policy is asked about again when it fires; null: not asked again
     * @param recipient null for the patient, else a pseudonym (never a personnummer: it is part of the row key)
     */
    public void plan(BookingKey booking, Patient patient, String recipient, Instant due, SmsRequest sms) {
        String rowKey = recipient == null ? booking.group() : booking.group() + "|" + recipient;
        String json = cipher.seal(encoding.encode(sms)); // stored as notify.sms carries it (sealed): handed on as it is
        String system = patient == null ? null : patient.system();
        String id = patient == null ? null : cipher.seal(patient.id());
        int updated = jdbc.update("UPDATE reminder SET version = ?, due_at = ?, status = 'PENDING', request = ?, patient_system = ?, patient_id = ?,"
                        + " checked_at = NULL, check_claimed_at = NULL WHERE booking_key = ? AND version < ?",
                booking.version(), Timestamp.from(due), json, system, id, rowKey, booking.version());
        if (updated == 0 && jdbc.queryForObject("SELECT COUNT(*) FROM reminder WHERE booking_key = ?", Integer.class, rowKey) == 0) {
            jdbc.update("INSERT INTO reminder (booking_key, source, booking_id, version, due_at, status, request, patient_system, patient_id)"
                            + " VALUES (?, ?, ?, ?, ?, 'PENDING', ?, ?, ?)",
                    rowKey, booking.source(), booking.bookingId(), booking.version(), Timestamp.from(due), json, system, id);
        }
    }

    /** A reminder's SMS as stored (notify.sms's encoding) with the broker duplicate id of this reminder version. */
    public record StoredSms(String duplicateId, String body) {
        @Override
        public String toString() {
            return "StoredSms[" + duplicateId + "]"; // never the number or the text
        }
    }

    /**
     * One claimed batch: {@link #getSms()} goes to notify.sms in one broker transaction, then {@link #recordFired}
     * says so; more: the batch was full, so there may be more due (the route claims again).
     */
    public static final class Batch {
        private final List<StoredSms> sms;
        private final List<Object[]> outcomes;
        private final boolean more;

        private Batch(List<StoredSms> sms, List<Object[]> outcomes, boolean more) {
            this.sms = sms;
            this.outcomes = outcomes;
            this.more = more;
        }

        public List<StoredSms> getSms() {
            return sms;
        }

        public boolean isMore() {
            return more;
        }
    }

    /**
     * Claims the next due reminders, oldest first, at most {@value #BATCH} (bounded memory, one broker commit per
     * batch), and checks each against the booking and the policy. Claims left by an instance that stopped mid-fire
     * are taken over once they are older than the claim timeout.
     */
    public Batch claimDue() {
        Claimed claimed = claim(clock.instant());
        return check(claimed.mine(), claimed.more());
    }

    /**
     * Records what a batch's hand-off did (after notify-sms-batch returned); returns how many were handed on. A stop
     * between the broker commit and this record leaves the rows FIRING: they are fired again after the claim timeout,
     * and the broker's duplicate detection (same id) and the SMS business key stop a second SMS.
     */
    public int recordFired(Batch batch) {
        if (!batch.outcomes.isEmpty()) {
            jdbc.batchUpdate("UPDATE reminder SET status = ?, request = NULL, patient_system = NULL, patient_id = NULL, checked_at = NULL"
                    + " WHERE booking_key = ? AND version = ? AND status = 'FIRING'", batch.outcomes);
        }
        return batch.sms.size();
    }

    /**
     * Asks the notification policy ahead for reminders due within the recheck lead (a burst of reminders due
     * together then does not wait for a burst of register calls): one it now withholds is skipped at once,
     * the others are marked checked and go out at due without asking again (a reschedule clears the mark).
     * One that cannot be asked now is left for the next pass or for the check as it fires.
     * @return how many were withheld
     */
    public int recheckUpcoming() {
        int withheld = 0;
        List<Due> batch;
        boolean waiting;
        do {
            Instant now = clock.instant();
            Timestamp claimedAt = Timestamp.from(now);
            Timestamp stale = Timestamp.from(now.minus(claims.lease()));
            Timestamp horizon = Timestamp.from(now.plus(recheckLead));
            // claimed for the check (check_claimed_at), so that of several hubs one asks the register about each
            batch = claims.claim(new RowClaims.Step<>(
                    SELECT_DUE + "WHERE status = 'PENDING' AND checked_at IS NULL AND patient_id IS NOT NULL AND due_at <= ? "
                            + "AND (check_claimed_at IS NULL OR check_claimed_at < ?) ORDER BY due_at FETCH FIRST " + BATCH + " ROWS ONLY",
                    new Object[] {horizon, stale}, Reminders::due,
                    "UPDATE reminder SET check_claimed_at = ?, claimed_by = ? WHERE booking_key = ? AND version = ? AND status = 'PENDING' "
                            + "AND checked_at IS NULL AND (check_claimed_at IS NULL OR check_claimed_at < ?)",
                    d -> new Object[] {claimedAt, claims.instance(), d.key(), d.version(), stale}));
            List<Verdict> verdicts = recheck(batch);
            Timestamp checkedAt = Timestamp.from(clock.instant());
            List<Object[]> checked = new ArrayList<>();
            List<Object[]> skipped = new ArrayList<>();
            List<Object[]> released = new ArrayList<>();
            for (int i = 0; i < batch.size(); i++) {
                Due d = batch.get(i);
                switch (verdicts.get(i)) {
                    case SEND -> checked.add(new Object[] {checkedAt, d.key(), d.version()});
                    case WITHHELD -> skipped.add(new Object[] {d.key(), d.version()});
                    case WAIT -> released.add(new Object[] {d.key(), d.version()});
                }
            }
            jdbc.batchUpdate("UPDATE reminder SET checked_at = ?, check_claimed_at = NULL WHERE booking_key = ? AND version = ? AND status = 'PENDING'", checked);
            jdbc.batchUpdate("UPDATE reminder SET status = 'SKIPPED', request = NULL, patient_system = NULL, patient_id = NULL, check_claimed_at = NULL"
                    + " WHERE booking_key = ? AND version = ? AND status = 'PENDING'", skipped);
            // not askable now: left for the next pass (of any hub), or for the check as it fires
            jdbc.batchUpdate("UPDATE reminder SET check_claimed_at = NULL WHERE booking_key = ? AND version = ?", released);
            withheld += skipped.size();
            waiting = !released.isEmpty(); // those would be selected again: stop here
        } while (batch.size() == BATCH && !waiting);
        return withheld;
    }

    /** A cancel (or a booking withheld after delivery) takes back the reminders planned before it, for every recipient. */
    public void cancel(BookingKey booking) {
        jdbc.update("UPDATE reminder SET status = 'SKIPPED', request = NULL, patient_system = NULL, patient_id = NULL WHERE source = ? AND booking_id = ? AND status = 'PENDING' AND version < ?",
                booking.source(), booking.bookingId(), booking.version());
    }

    /** What the platform shows of a booking, as far as the hub applied it. */
    private record Applied(String status, long lastVersion) {}

    /**
     * The booking links of a batch, by source and booking id: one query per batch, not one per reminder (a burst of
     * reminders due together waited for them one by one).
     */
    private Map<String, Applied> links(List<Due> batch) {
        Map<String, Applied> links = new java.util.HashMap<>();
        // per source (one or two), so that the primary key (source, booking_id) finds the rows
        Map<String, List<String>> bySource = new java.util.TreeMap<>();
        for (Due d : batch) {
            bySource.computeIfAbsent(d.source(), s -> new ArrayList<>()).add(d.bookingId());
        }
        bySource.forEach((source, all) -> {
            List<String> ids = all.stream().distinct().toList();
            List<Object> args = new ArrayList<>(ids.size() + 1);
            args.add(source);
            args.addAll(ids);
            String marks = String.join(", ", java.util.Collections.nCopies(ids.size(), "?"));
            jdbc.query("SELECT booking_id, status, last_version FROM booking_link WHERE source = ? AND booking_id IN (" + marks + ")",
                    (org.springframework.jdbc.core.RowCallbackHandler) rs -> links.put(source + "|" + rs.getString(1),
                            new Applied(rs.getString(2), rs.getLong(3))), args.toArray());
        });
        return links;
    }

    /**
     * Nothing newer than the planned version has reached the platform, and what it shows is booked
     * (a platform that is behind does not stop a reminder; a cancel there does).
     */
    private static boolean stillCurrent(Due d, Map<String, Applied> links) {
        Applied link = links.get(d.source() + "|" + d.bookingId());
        return link == null || ("booked".equals(link.status()) && link.lastVersion() <= d.version());
    }

    private static final String SELECT_DUE = "SELECT booking_key, source, booking_id, version, request, patient_system, patient_id, checked_at FROM reminder ";

    /** A reminder this instance has claimed (status FIRING), with the planned SMS and whom it is about. */
    private record Due(String key, String source, String bookingId, long version, String request, String patientSystem, String patientId,
                       boolean checked) {
        /** The row key is the booking's group, plus "|" and the pseudonym for a guardian's reminder. */
        String recipientKey(String bookingGroup) {
            return key.length() > bookingGroup.length() ? key.substring(bookingGroup.length() + 1) : null;
        }
    }

    /** What this instance claimed of one batch; more: the batch was full, so there may be more due. */
    private record Claimed(List<Due> mine, boolean more) {}

    /**
     * The next due reminders (and claims older than the lease: a hub that stopped mid-fire), claimed for this hub
     * ({@link RowClaims}): a row another hub claimed first, or that a reschedule replaced meanwhile (another
     * version), is left alone.
     */
    private Claimed claim(Instant now) {
        Timestamp claimedAt = Timestamp.from(now);
        Timestamp stale = Timestamp.from(now.minus(claims.lease()));
        String me = claims.instance();
        List<Due> staleClaims = claims.claim(new RowClaims.Step<>(
                SELECT_DUE + "WHERE status = 'FIRING' AND (claimed_at IS NULL OR claimed_at < ?) FETCH FIRST " + BATCH + " ROWS ONLY",
                new Object[] {stale}, Reminders::due,
                "UPDATE reminder SET claimed_at = ?, claimed_by = ? "
                        + "WHERE booking_key = ? AND version = ? AND status = 'FIRING' AND (claimed_at IS NULL OR claimed_at < ?)",
                d -> new Object[] {claimedAt, me, d.key(), d.version(), stale}));
        List<Due> pending = staleClaims.size() == BATCH ? List.of() : claims.claim(new RowClaims.Step<>(
                SELECT_DUE + "WHERE status = 'PENDING' AND due_at <= ? ORDER BY due_at FETCH FIRST " + (BATCH - staleClaims.size()) + " ROWS ONLY",
                new Object[] {claimedAt}, Reminders::due,
                "UPDATE reminder SET status = 'FIRING', claimed_at = ?, claimed_by = ? WHERE booking_key = ? AND version = ? AND status = 'PENDING'",
                d -> new Object[] {claimedAt, me, d.key(), d.version()}));
        List<Due> mine = new ArrayList<>(staleClaims.size() + pending.size());
        mine.addAll(staleClaims);
        mine.addAll(pending);
        // full: there may be more due (rows another hub holds locked are not counted; it fires them)
        return new Claimed(mine, mine.size() == BATCH);
    }

    /** Checks each claimed reminder against the booking and the policy: the current ones are to be sent. */
    private Batch check(List<Due> batch, boolean more) {
        List<Due> booked = new ArrayList<>(batch.size());
        List<Object[]> outcomes = new ArrayList<>(batch.size());
        Map<String, Applied> links = links(batch);
        for (Due d : batch) {
            if (d.request() != null && stillCurrent(d, links)) {
                booked.add(d);
            } else {
                outcomes.add(new Object[] {"SKIPPED", d.key(), d.version()});
            }
        }
        List<Verdict> verdicts = recheck(booked);
        List<StoredSms> current = new ArrayList<>(booked.size());
        int waiting = 0;
        for (int i = 0; i < booked.size(); i++) {
            Due d = booked.get(i);
            switch (verdicts.get(i)) {
                case SEND -> {
                    current.add(new StoredSms(d.key() + "|" + d.version() + "|reminder", d.request()));
                    outcomes.add(new Object[] {"SENT", d.key(), d.version()});
                }
                case WITHHELD -> outcomes.add(new Object[] {"SKIPPED", d.key(), d.version()});
                case WAIT -> waiting++; // stays claimed: fired again after the claim timeout
            }
        }
        if (waiting > 0) {
            log.warn("{} due reminder(s) wait: the register or the platform could not be asked; retried in {}", waiting, claims.lease());
        }
        return new Batch(current, outcomes, more);
    }

    private enum Verdict { SEND, WITHHELD, WAIT }

    /** The policy asked again for each reminder of the batch, side by side on {@code checks}. */
    private List<Verdict> recheck(List<Due> booked) {
        List<CompletableFuture<Verdict>> pending = booked.stream()
                .map(d -> CompletableFuture.supplyAsync(() -> recheck(d), checks)).toList();
        return pending.stream().map(CompletableFuture::join).toList();
    }

    private Verdict recheck(Due d) {
        if (d.patientId() == null || d.checked()) {
            return Verdict.SEND; // nobody to ask about, or asked within the recheck lead
        }
        try {
            String phone = SmsRequest.of(fhir.newJsonParser().parseResource(CommunicationRequest.class, cipher.open(d.request()))).phone();
            String group = new BookingKey(d.source(), d.bookingId(), d.version()).group();
            return recheck.stillReaches(d.patientSystem(), cipher.open(d.patientId()), phone, d.recipientKey(group)) ? Verdict.SEND : Verdict.WITHHELD;
        } catch (RegisterUnavailableException | PlatformTransientException e) {
            return Verdict.WAIT;
        }
    }

    private static Due due(ResultSet rs, int row) throws SQLException {
        return new Due(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getString(5), rs.getString(6), rs.getString(7),
                rs.getTimestamp(8) != null);
    }
}
