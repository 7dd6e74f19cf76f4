package se.vardnav.visit;

import ca.uhn.hl7v2.model.v25.message.MDM_T02;
import ca.uhn.hl7v2.parser.PipeParser;
import org.hl7.fhir.r4.model.Encounter;
import org.junit.jupiter.api.Test;
import se.vardnav.sim.journal.JournalReceiver;
import se.vardnav.sim.platform.VisitEncounters;
import se.vardnav.support.AdminClient;
import se.vardnav.support.HubTestBase;
import se.vardnav.support.TestPersons;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Visits pushed by the platform reach the journal system as ADT/MDM over MLLP, once each, in order, through its ACKs. */
class VisitJournalIT extends HubTestBase {
    private static final String UNIT = "SE2321000016-VC01";
    private static final String DOCTOR = "SE2321000016-DR11";

    private static String newVisitId() {
        return "V-" + UUID.randomUUID();
    }

    private VisitEncounters visit(String id, String patient, Instant at) {
        return VisitEncounters.visit(id, patient, UNIT, DOCTOR).at(at);
    }

    private Instant now() {
        return clock.instant().minusSeconds(600);
    }

    private HttpResponse<String> put(Encounter e) throws Exception {
        String id = e.getIdentifierFirstRep().getValue();
        return sendFhir("PUT", "Encounter?identifier=" + se.vardnav.fhir.Fhir.PLATFORM_ENCOUNTER_ID + "%7C" + id, e);
    }

    /** The journal messages of one visit that the journal acknowledged AA, as their trigger events. */
    private List<String> triggersOf(String visitId) {
        return journalReceiver.accepted().stream().filter(m -> m.contains("|" + visitId + "^")).map(JournalReceiver::trigger).toList();
    }

    private String messageOf(String visitId, String trigger) {
        return journalReceiver.accepted().stream().filter(m -> m.contains("|" + visitId + "^") && JournalReceiver.trigger(m).equals(trigger))
                .findFirst().orElseThrow();
    }

    @Test
    void aPushedVisitReachesTheJournalAsStartThenDraftNoteThenEndOnceEach() throws Exception {
        String id = newVisitId();
        String patient = TestPersons.next();
        Instant t = now();
        assertThat(put(visit(id, patient, t).booking("B-1").started(t).build()).statusCode()).isIn(200, 201);
        await().until(() -> triggersOf(id).contains("A04"));
        assertThat(messageOf(id, "A04")).contains("PV1|1|O|").contains("|" + id + "^^^VISITPLATFORM^VN").contains("B-1^^^JOURNAL");

        Encounter ended = visit(id, patient, t.plusSeconds(60)).booking("B-1").started(t)
                .note("Mår bättre", "Viral infektion", "Åter vid behov", DOCTOR)
                .diagnosis("J06.9", "Akut övre luftvägsinfektion", true).diagnosis("R05", "Hosta", false)
                .ended(t.plusSeconds(50), 3).build();
        assertThat(put(ended).statusCode()).isEqualTo(200);
        // the platform retries the same version: the journal gets nothing twice
        assertThat(put(ended).statusCode()).isEqualTo(200);
        await().until(() -> triggersOf(id).contains("A03"));
        assertThat(triggersOf(id)).containsExactly("A04", "T02", "A03");
        MDM_T02 note = (MDM_T02) PipeParser.getInstanceWithNoValidation().parse(messageOf(id, "T02"));
        assertThat(note.getTXA().getDocumentCompletionStatus().getValue()).isEqualTo("DO");
        assertThat(note.getTXA().getOriginatorCodeName(0).getIDNumber().getValue()).isEqualTo(DOCTOR);
        assertThat(messageOf(id, "T02")).contains("J06.9^Akut övre luftvägsinfektion^ICD-10-SE").contains("R05^Hosta^ICD-10-SE")
                .contains("Viral infektion").contains("Åter vid behov");
        assertThat(messageOf(id, "A03")).contains("ASYNC-LAST-DAY");
        assertThat(journalReceiver.received().stream().filter(m -> m.contains("|" + id + "^"))).hasSize(3);
    }

    @Test
    void aHandoverIsAnA08() throws Exception {
        String id = newVisitId();
        String patient = TestPersons.next();
        Instant t = now();
        put(visit(id, patient, t).started(t).build());
        await().until(() -> triggersOf(id).contains("A04"));
        put(visit(id, patient, t.plusSeconds(30)).started(t).handover("SE2321000016-DR12", t.plusSeconds(20), "Tar över").build());
        await().until(() -> triggersOf(id).contains("A08"));
        assertThat(messageOf(id, "A08")).contains("SE2321000016-DR12").contains("Tar över");
    }

    @Test
    void invalidContentGets422WithAnOperationOutcomeAndNothingIsKept() throws Exception {
        String id = newVisitId();
        Encounter e = visit(id, TestPersons.next(), now()).started(now()).ended(now().plusSeconds(10), 3651).build();
        HttpResponse<String> response = put(e);
        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(response.body()).contains("OperationOutcome").contains("1–3650 days, not 3651");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM visit_intake WHERE visit_id = ?", Integer.class, id)).isZero();
        HttpResponse<String> wrongKey = sendFhir("PUT", "Encounter?identifier=" + se.vardnav.fhir.Fhir.PLATFORM_ENCOUNTER_ID + "%7Cother",
                visit(id, TestPersons.next(), now()).build());
        assertThat(wrongKey.statusCode()).isEqualTo(422);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM visit_intake WHERE visit_id = ?", Integer.class, id)).isZero();
    }

    @Test
    void anAeGoesToTheDeadLetterQueueWithTheReasonAndCanBeReplayed() throws Exception {
        String id = newVisitId();
        String reason = "okänd vårdenhet " + UUID.randomUUID();
        journalReceiver.answer(JournalReceiver.Mode.AE, reason);
        put(visit(id, TestPersons.next(), now()).started(now()).build());
        AdminClient admin = new AdminClient(httpPort);
        await().until(() -> deadLetter(admin, reason) != null);
        assertThat((String) deadLetter(admin, reason).get("reason")).contains("answered AE to A04");
        assertThat(triggersOf(id)).isEmpty();
        journalReceiver.answer(JournalReceiver.Mode.AA);
        assertThat(admin.replay("DLQ.journal.visit", (String) deadLetter(admin, reason).get("messageId"))).isEqualTo(200);
        await().until(() -> triggersOf(id).contains("A04"));
    }

    private static Map<String, Object> deadLetter(AdminClient admin, String reason) {
        return admin.deadLetters("DLQ.journal.visit").stream().filter(r -> String.valueOf(r.get("reason")).contains(reason)).findFirst().orElse(null);
    }

    @Test
    void whileTheJournalIsDownOrRejectsNothingIsLostAndEverythingArrivesInOrderAfter() throws Exception {
        String id = newVisitId();
        String patient = TestPersons.next();
        Instant t = now();
        journalReceiver.goDown();
        put(visit(id, patient, t).started(t).build());
        put(visit(id, patient, t.plusSeconds(30)).started(t).handover("SE2321000016-DR12", t.plusSeconds(20), "Tar över").build());
        put(visit(id, patient, t.plusSeconds(60)).started(t).handover("SE2321000016-DR12", t.plusSeconds(20), "Tar över")
                .note("Status", "Bedömning", null, DOCTOR).diagnosis("J06.9", null, true).ended(t.plusSeconds(50), 1).build());
        await().until(() -> jdbc.queryForObject("SELECT COUNT(*) FROM visit WHERE visit_id = ?", Integer.class, id) == 1);
        journalReceiver.comeUp();
        journalReceiver.answer(JournalReceiver.Mode.AR, "upptagen");
        await().until(() -> journalReceiver.received().stream().anyMatch(m -> m.contains("|" + id + "^")));
        journalReceiver.answer(JournalReceiver.Mode.AA);
        await().atMost(Duration.ofSeconds(30)).until(() -> triggersOf(id).size() == 4);
        assertThat(triggersOf(id)).containsExactly("A04", "A08", "T02", "A03");
    }

    @Test
    void anAckThatDoesNotComeInTimeIsRetried() throws Exception {
        String id = newVisitId();
        journalReceiver.slowBy(Duration.ofSeconds(3));
        put(visit(id, TestPersons.next(), now()).started(now()).build());
        await().until(() -> journalReceiver.received().stream().anyMatch(m -> m.contains("|" + id + "^")));
        journalReceiver.answer(JournalReceiver.Mode.AA);
        await().until(() -> triggersOf(id).contains("A04"));
    }

    @Test
    void aVisitOfAPatientWithProtectedIdentityOrABlockedJournalSendsNothing() throws Exception {
        String flagged = newVisitId();
        String blocked = newVisitId();
        String registered = newVisitId();
        String protectedInRegister = TestPersons.next();
        register.markProtected(protectedInRegister);
        put(visit(flagged, TestPersons.next(), now()).protectedIdentity().started(now()).build());
        put(visit(blocked, TestPersons.next(), now()).blockedJournal().started(now()).build());
        put(visit(registered, protectedInRegister, now()).started(now()).build());
        await().until(() -> withheld(flagged) != null && withheld(blocked) != null && withheld(registered) != null);
        assertThat(withheld(flagged)).isEqualTo("PROTECTED_IDENTITY");
        assertThat(withheld(blocked)).isEqualTo("BLOCKED_JOURNAL");
        assertThat(withheld(registered)).isEqualTo("PROTECTED_IDENTITY");
        assertThat(journalReceiver.received()).noneMatch(m -> m.contains(flagged) || m.contains(blocked) || m.contains(registered));
    }

    private String withheld(String visitId) {
        List<String> w = jdbc.queryForList("SELECT withheld FROM visit WHERE visit_id = ?", String.class, visitId);
        return w.isEmpty() ? null : w.get(0);
    }

    @Test
    void anOlderVersionArrivingLateChangesNothing() throws Exception {
        String id = newVisitId();
        String patient = TestPersons.next();
        Instant t = now();
        put(visit(id, patient, t.plusSeconds(60)).started(t).ended(t.plusSeconds(50), 2).build());
        await().until(() -> triggersOf(id).contains("A03"));
        long newest = jdbc.queryForObject("SELECT last_version FROM visit WHERE visit_id = ?", Long.class, id);
        put(visit(id, patient, t).started(t).handover("SE2321000016-DR12", t.plusSeconds(5), "sent").build());
        await().until(() -> jdbc.queryForObject("SELECT arrivals FROM visit_intake WHERE visit_id = ?", Long.class, id) == 2);
        put(visit(id, patient, t.plusSeconds(61)).started(t).ended(t.plusSeconds(50), 2).caseClosed().build());
        await().until(() -> jdbc.queryForObject("SELECT case_closed FROM visit WHERE visit_id = ?", Boolean.class, id));
        assertThat(jdbc.queryForObject("SELECT last_version FROM visit WHERE visit_id = ?", Long.class, id)).isGreaterThan(newest);
        assertThat(triggersOf(id)).containsExactly("A04", "A03");
    }
}
