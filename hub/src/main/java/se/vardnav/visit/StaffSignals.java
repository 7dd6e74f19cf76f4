package se.vardnav.visit;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import org.apache.camel.ProducerTemplate;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Task;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import se.vardnav.booking.Hl7Time;
import se.vardnav.fhir.CommunicationReceiver;
import se.vardnav.fhir.Fhir;
import se.vardnav.notification.Notice;
import se.vardnav.notification.SmsRequest;
import se.vardnav.notification.email.EmailRequest;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Date;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The staff signal: a patient's message ({@code POST /fhir/Communication} with the patient as sender and the visit as
 * encounter) in a case in its asynchronous phase gives the unit one signal per case until staff opened it: a FHIR Task
 * on the platform's staff worklist (owner the unit's HSA-id, focus the Encounter) and, if the unit has a functional
 * address, an SMS and/or e-mail, with neither the message text nor the patient's name. A case the patient closed
 * refuses the message (422 with the reason). The message text is never read.
 */
public class StaffSignals implements CommunicationReceiver {
    /** The hub's id of a signal: the Task's identifier, so a retried create makes no second Task. */
    public static final String SIGNAL_ID = "https://vardnav.se/fhir/NamingSystem/staff-signal-id";
    public static final String TASK_CODE = "https://vardnav.se/fhir/CodeSystem/staff-signal";
    /** Task statuses that mean staff have not opened it yet. */
    private static final Set<Task.TaskStatus> NOT_OPENED = Set.of(Task.TaskStatus.REQUESTED, Task.TaskStatus.RECEIVED, Task.TaskStatus.READY);
    private final FhirContext fhir;
    private final JdbcTemplate jdbc;
    private final VisitPlatform platform;
    private final ProducerTemplate producer;
    private final String signalEndpoint;
    private final Map<String, UnitContact> contacts;
    private final String smsText;
    private final String emailSubject;
    private final Clock clock;

    public StaffSignals(FhirContext fhir, JdbcTemplate jdbc, VisitPlatform platform, ProducerTemplate producer, String signalEndpoint,
                        List<UnitContact> contacts, String smsText, String emailSubject, Clock clock) {
        this.fhir = fhir;
        this.jdbc = jdbc;
        this.platform = platform;
        this.producer = producer;
        this.signalEndpoint = signalEndpoint;
        this.contacts = contacts.stream().collect(java.util.stream.Collectors.toMap(UnitContact::unit, c -> c, (a, b) -> b));
        this.smsText = smsText;
        this.emailSubject = emailSubject;
        this.clock = clock;
    }

    @Override
    public boolean accepts(Communication c) {
        // a patient's message in a visit; and any chat notice in a case the patient closed, to refuse it
        return visitId(c).isPresent() && (fromPatient(c) || CaseState.of(jdbc, visitId(c).get()).map(CaseState::closed).orElse(false));
    }

    @Override
    public MethodOutcome receive(Communication c) {
        String visitId = visitId(c).orElseThrow();
        CaseState state = CaseState.of(jdbc, visitId)
                .orElseThrow(() -> unprocessable("Communication.encounter: the hub knows no visit " + visitId + "; send the Encounter first"));
        if (state.closed()) {
            throw unprocessable("the patient closed the case of visit " + visitId + ": it accepts no more messages or chat notices");
        }
        MethodOutcome done = new MethodOutcome(new IdType("Communication", visitId), false);
        LocalDate today = clock.instant().atZone(Hl7Time.JOURNAL_ZONE).toLocalDate();
        if (state.withheld() != null || !state.asynchronousOn(today)) {
            // staff are in the chat (visit going on) or the phase is over; a withheld visit signals nothing
            return done;
        }
        String openKey = visitId + "|" + state.unitHsaId();
        List<Map<String, Object>> open = jdbc.queryForList("SELECT signal_id, queued FROM staff_signal WHERE open_key = ?", openKey);
        if (!open.isEmpty()) {
            String signalId = (String) open.get(0).get("signal_id");
            if (!Boolean.TRUE.equals(open.get(0).get("queued"))) {
                queue(signalId);
                return done;
            }
            Optional<Task.TaskStatus> status = platform.taskStatus(SIGNAL_ID, signalId);
            if (status.isEmpty() || NOT_OPENED.contains(status.get())) {
                return done;
            }
            jdbc.update("UPDATE staff_signal SET open_key = NULL, opened_at = ? WHERE signal_id = ?", Timestamp.from(clock.instant()), signalId);
        }
        String signalId = UUID.randomUUID().toString();
        try {
            jdbc.update("INSERT INTO staff_signal (signal_id, visit_id, unit_hsa_id, open_key, queued, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                    signalId, visitId, state.unitHsaId(), openKey, false, Timestamp.from(clock.instant()));
        } catch (DuplicateKeyException concurrent) {
            // another message of the same case made the signal at the same moment
            return done;
        }
        queue(signalId);
        return new MethodOutcome(new IdType("Communication", visitId), true);
    }

    private void queue(String signalId) {
        producer.sendBody(signalEndpoint, signalId);
        jdbc.update("UPDATE staff_signal SET queued = ? WHERE signal_id = ?", true, signalId);
    }

    /** The Task on the platform's staff worklist (conditional create on the signal id: a retry makes none twice). */
    public void createTask(String signalId) {
        Map<String, Object> row = jdbc.queryForMap("SELECT visit_id, unit_hsa_id, created_at FROM staff_signal WHERE signal_id = ?", signalId);
        Task task = new Task();
        task.addIdentifier().setSystem(SIGNAL_ID).setValue(signalId);
        task.setStatus(Task.TaskStatus.REQUESTED).setIntent(Task.TaskIntent.ORDER).setPriority(Task.TaskPriority.ROUTINE);
        task.setCode(new CodeableConcept(new Coding(TASK_CODE, "patient-message", "Nytt meddelande från patient i asynkront ärende")));
        task.setFocus(new Reference().setType("Encounter")
                .setIdentifier(new Identifier().setSystem(Fhir.PLATFORM_ENCOUNTER_ID).setValue((String) row.get("visit_id"))));
        task.setOwner(new Reference().setType("Organization")
                .setIdentifier(new Identifier().setSystem(Fhir.HSA_ID).setValue((String) row.get("unit_hsa_id"))));
        task.setAuthoredOn(new Date(((Timestamp) row.get("created_at")).getTime()));
        platform.createTask(task, SIGNAL_ID, signalId);
    }

    /**
     * The unit's functional SMS and/or e-mail for a signal (none when the unit configured neither), for the notify route
     * to queue: each notice queue has one writing route, which owns the encoding and the duplicate id.
     */
    public List<Notice> notices(String signalId) {
        UnitContact contact = contacts.get(unitOf(signalId));
        List<Notice> notices = new ArrayList<>();
        if (contact != null && contact.sms() != null && !contact.sms().isBlank()) {
            notices.add(new SmsRequest("staff-signal-" + signalId, contact.sms(), smsText));
        }
        if (contact != null && contact.email() != null && !contact.email().isBlank()) {
            notices.add(new EmailRequest("staff-signal-" + signalId, contact.email(), emailSubject, smsText, null, "staff-signal"));
        }
        return notices;
    }

    private String unitOf(String signalId) {
        return jdbc.queryForObject("SELECT unit_hsa_id FROM staff_signal WHERE signal_id = ?", String.class, signalId);
    }

    static Optional<String> visitId(Communication c) {
        Identifier id = c.getEncounter().getIdentifier();
        return id != null && Fhir.PLATFORM_ENCOUNTER_ID.equals(id.getSystem()) && id.hasValue() ? Optional.of(id.getValue()) : Optional.empty();
    }

    private static boolean fromPatient(Communication c) {
        Reference sender = c.getSender();
        return "Patient".equals(sender.getType()) || (sender.hasReference() && sender.getReference().startsWith("Patient"))
                || (sender.hasIdentifier() && Set.of(Fhir.PERSONNUMMER, Fhir.SAMORDNINGSNUMMER, Fhir.RESERVNUMMER).contains(sender.getIdentifier().getSystem()));
    }

    private UnprocessableEntityException unprocessable(String problem) {
        OperationOutcome oo = new OperationOutcome();
        oo.addIssue().setSeverity(OperationOutcome.IssueSeverity.ERROR).setCode(OperationOutcome.IssueType.BUSINESSRULE).setDiagnostics(problem);
        return new UnprocessableEntityException(fhir, oo);
    }
}
