package se.vardnav.visit;

import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Task;
import org.junit.jupiter.api.Test;
import se.vardnav.fhir.Fhir;
import se.vardnav.sim.platform.VisitEncounters;
import se.vardnav.support.HubTestBase;
import se.vardnav.support.TestPersons;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A patient writing in an asynchronous case: one Task and one staff notice per case and unit until staff opened it. */
class StaffSignalIT extends HubTestBase {
    static final String UNIT = "SE2321000016-SIG1";
    static final String UNIT_SMS = "+46701112233";

    private String visit(boolean closed) throws Exception {
        String id = "V-" + UUID.randomUUID();
        Instant t = clock.instant().minusSeconds(3600);
        VisitEncounters e = VisitEncounters.visit(id, TestPersons.next(), UNIT, "SE2321000016-DR21").at(t.plusSeconds(60)).started(t)
                .ended(t.plusSeconds(30), 3);
        if (closed) {
            e.caseClosed();
        }
        assertThat(sendFhir("POST", "Encounter", e.build()).statusCode()).isEqualTo(201);
        await().until(() -> CaseState.of(jdbc, id).isPresent());
        return id;
    }

    private static Communication patientMessage(String visitId, String text) {
        Communication c = new Communication();
        c.addIdentifier().setSystem("https://vardnav.se/fhir/NamingSystem/platform-message-id").setValue(UUID.randomUUID().toString());
        c.setStatus(Communication.CommunicationStatus.COMPLETED);
        c.setEncounter(new Reference().setIdentifier(new Identifier().setSystem(Fhir.PLATFORM_ENCOUNTER_ID).setValue(visitId)));
        c.setSender(new Reference().setType("Patient").setIdentifier(new Identifier().setSystem(Fhir.PERSONNUMMER).setValue(TestPersons.next())));
        c.addPayload().setContent(new org.hl7.fhir.r4.model.StringType(text));
        return c;
    }

    private long tasksOf(String visitId) {
        return platform.tasks().stream().filter(t -> visitId.equals(t.getFocus().getIdentifier().getValue())).count();
    }

    private long noticesToUnit() {
        return smsGateway.received().stream().filter(s -> s.to().contains(UNIT_SMS.substring(1))).count();
    }

    @Test
    void aReplyGivesOneTaskAndOneNoticeAndASecondBeforeStaffOpenedItGivesNone() throws Exception {
        String id = visit(false);
        long before = noticesToUnit();
        assertThat(postChat(patientMessage(id, "Jag har fortfarande feber"))).isEqualTo(201);
        await().until(() -> tasksOf(id) == 1 && noticesToUnit() == before + 1);
        Task task = platform.tasks().stream().filter(t -> id.equals(t.getFocus().getIdentifier().getValue())).findFirst().orElseThrow();
        assertThat(task.getOwner().getIdentifier().getValue()).isEqualTo(UNIT);
        assertThat(task.getFocus().getType()).isEqualTo("Encounter");
        assertThat(task.getStatus()).isEqualTo(Task.TaskStatus.REQUESTED);
        String sms = smsGateway.received().stream().filter(s -> s.to().contains(UNIT_SMS.substring(1))).reduce((a, b) -> b).orElseThrow().text();
        assertThat(sms).doesNotContain("feber").contains("asynkron fas");

        assertThat(postChat(patientMessage(id, "Och huvudvärk"))).isIn(200, 201);
        // staff open it; the next reply is a new signal
        platform.openTasksOf(id);
        assertThat(postChat(patientMessage(id, "Nu har jag hosta"))).isEqualTo(201);
        await().until(() -> tasksOf(id) == 2 && noticesToUnit() == before + 2);
    }

    @Test
    void aClosedCaseRefusesMessagesAndChatNoticesWithAReason() throws Exception {
        String id = visit(true);
        assertThat(postChat(patientMessage(id, "Hej igen"))).isEqualTo(422);
        HttpResponse<String> refused = sendFhir("POST", "Communication", patientMessage(id, "Hej igen"));
        assertThat(refused.body()).contains("the patient closed the case");
        assertThat(tasksOf(id)).isZero();
    }

    @Test
    void aReplyWhileTheVisitIsGoingOnSignalsNothing() throws Exception {
        String id = "V-" + UUID.randomUUID();
        Instant t = clock.instant().minusSeconds(60);
        Encounter e = VisitEncounters.visit(id, TestPersons.next(), UNIT, "SE2321000016-DR21").at(t).started(t).build();
        assertThat(sendFhir("POST", "Encounter", e).statusCode()).isEqualTo(201);
        await().until(() -> CaseState.of(jdbc, id).isPresent());
        assertThat(postChat(patientMessage(id, "Hallå?"))).isEqualTo(200);
        assertThat(tasksOf(id)).isZero();
    }
}
