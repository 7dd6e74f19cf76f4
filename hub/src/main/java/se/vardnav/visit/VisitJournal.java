package se.vardnav.visit;

import ca.uhn.fhir.context.FhirContext;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.hl7.fhir.r4.model.Encounter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import se.vardnav.broker.HubHeaders;
import se.vardnav.booking.BookingVersion;
import se.vardnav.booking.PolicyDecision;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns one visit version into the journal messages it calls for, compared with what the journal was sent before:
 * started → A04, each new handover → A08, a new or changed note → T02/T10, ended → A03, in that order. A version
 * older than the newest applied is stale and sends nothing; the newest one delivered again (the broker redelivers
 * after a crash) gives the very same messages with the same duplicate ids, so the broker keeps one of each.
 * The privacy rule ({@link VisitPrivacy}) comes first: a withheld visit sends nothing.
 */
public class VisitJournal {
    private static final Logger log = LoggerFactory.getLogger(VisitJournal.class);
    private final FhirContext fhir;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final VisitPrivacy privacy;
    private final JournalVisitMessages messages;
    private final Clock clock;
    private final MeterRegistry meters;

    public VisitJournal(FhirContext fhir, JdbcTemplate jdbc, TransactionTemplate tx, VisitPrivacy privacy, JournalVisitMessages messages, Clock clock, MeterRegistry meters) {
        this.fhir = fhir;
        this.jdbc = jdbc;
        this.tx = tx;
        this.privacy = privacy;
        this.messages = messages;
        this.clock = clock;
        this.meters = meters;
    }

    /** One HL7 message for the journal, with the broker's duplicate id. */
    public record Outgoing(String er7, JournalVisitMessages.Kind kind, String visitId, String duplicateId) {}

    /** The body becomes the list of messages to send (empty when stale or withheld). */
    public List<Outgoing> plan(String body, Map<String, Object> headers) {
        Encounter encounter = fhir.newJsonParser().parseResource(Encounter.class, body);
        EncounterReader.Result read = EncounterReader.read(encounter);
        if (!read.valid()) {
            // validated at the intake: only a replayed message from an older hub could get here
            throw new IllegalArgumentException("not a valid visit: " + String.join("; ", read.problems()));
        }
        Visit visit = read.visit();
        long version = ((Number) headers.get(HubHeaders.VISIT_VERSION)).longValue();
        Optional<PolicyDecision> withheld = privacy.withheld(visit);
        List<Outgoing> out = tx.execute(s -> apply(visit, version, withheld));
        return out == null ? List.of() : out;
    }

    private List<Outgoing> apply(Visit visit, long version, Optional<PolicyDecision> withheld) {
        List<Map<String, Object>> rows = jdbc.queryForList("SELECT last_version, state, prev_state FROM visit WHERE visit_id = ? FOR UPDATE", visit.visitId());
        VisitState before;
        if (rows.isEmpty()) {
            before = VisitState.NOTHING;
        } else {
            long last = ((Number) rows.get(0).get("last_version")).longValue();
            if (version < last) {
                meters.counter("vardnav.visit.stale").increment();
                log.info("Visit {} version {} is older than {}: nothing sent", visit.visitId(), BookingVersion.toString(version), BookingVersion.toString(last));
                return List.of();
            }
            // the same version again: what it sends is measured against the state before it
            before = VisitState.parse((String) rows.get(0).get(version == last ? "prev_state" : "state"));
        }
        List<Outgoing> out = new ArrayList<>();
        VisitState after = before;
        if (withheld.isEmpty()) {
            after = derive(visit, version, before, out);
        } else {
            meters.counter("vardnav.visit.withheld", "reason", withheld.get().withheldFor().name()).increment();
        }
        store(visit, version, before, after, withheld.map(d -> d.withheldFor().name()).orElse(null), rows.isEmpty());
        return out;
    }

    private VisitState derive(Visit visit, long version, VisitState before, List<Outgoing> out) {
        if (!visit.status().started()) {
            return before;
        }
        Instant now = clock.instant();
        boolean started = before.started();
        int handovers = before.handovers();
        if (!started) {
            add(out, visit, version, JournalVisitMessages.Kind.A04, 0, now);
            started = true;
            // the A04 names who is responsible now: earlier handovers need no A08 of their own
            handovers = visit.handovers();
        }
        for (int h = handovers + 1; h <= visit.handovers(); h++) {
            add(out, visit, version, JournalVisitMessages.Kind.A08, h, now);
        }
        handovers = Math.max(handovers, visit.handovers());
        String noteHash = before.noteHash();
        if (visit.note() != null) {
            String hash = hash(visit.note());
            if (!hash.equals(noteHash)) {
                add(out, visit, version, noteHash.isEmpty() ? JournalVisitMessages.Kind.T02 : JournalVisitMessages.Kind.T10, 0, now);
                noteHash = hash;
            }
        }
        boolean ended = before.ended();
        if (visit.status() == Visit.Status.FINISHED && !ended) {
            add(out, visit, version, JournalVisitMessages.Kind.A03, 0, now);
            ended = true;
        }
        return new VisitState(started, ended, handovers, noteHash);
    }

    private void add(List<Outgoing> out, Visit visit, long version, JournalVisitMessages.Kind kind, int handover, Instant now) {
        out.add(new Outgoing(messages.build(kind, visit, version, handover, now), kind, visit.visitId(),
                VisitGroups.group(visit.visitId()) + "|" + version + "|" + kind + "|" + handover));
    }

    private void store(Visit visit, long version, VisitState before, VisitState after, String withheld, boolean insert) {
        Date lastDay = visit.end() != null && visit.asyncPhase() != null
                ? Date.valueOf(visit.asyncPhase().lastDay(visit.end().atZone(se.vardnav.booking.Hl7Time.JOURNAL_ZONE).toLocalDate())) : null;
        Timestamp now = Timestamp.from(clock.instant());
        if (insert) {
            jdbc.update("INSERT INTO visit (visit_id, last_version, state, prev_state, unit_hsa_id, async_last_day, case_closed, withheld, updated_at,"
                            + " booking_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    visit.visitId(), version, after.format(), before.format(), visit.unitHsaId(), lastDay, visit.caseClosed(), withheld, now,
                    visit.bookingId());
        } else {
            jdbc.update("UPDATE visit SET last_version = ?, state = ?, prev_state = ?, unit_hsa_id = ?, async_last_day = ?, case_closed = ?,"
                            + " withheld = ?, updated_at = ?, booking_id = ? WHERE visit_id = ?",
                    version, after.format(), before.format(), visit.unitHsaId(), lastDay, visit.caseClosed(), withheld, now, visit.bookingId(),
                    visit.visitId());
        }
    }

    /** For the split: one journal message on its way to the journal queue, in the visit's group. */
    public void toQueue(Exchange exchange) {
        Outgoing o = exchange.getMessage().getBody(Outgoing.class);
        Message m = exchange.getMessage();
        m.setBody(o.er7());
        m.setHeader(HubHeaders.GROUP, VisitGroups.group(o.visitId()));
        m.setHeader(HubHeaders.DUPLICATE_ID, o.duplicateId());
        m.setHeader(HubHeaders.JOURNAL_EVENT, o.kind().name());
        m.setHeader(HubHeaders.VISIT_ID, o.visitId());
    }

    static String hash(Visit.Note note) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(note.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, 32);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
