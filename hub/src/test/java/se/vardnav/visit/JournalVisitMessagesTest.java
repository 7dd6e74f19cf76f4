package se.vardnav.visit;

import ca.uhn.hl7v2.model.v25.message.ADT_A01;
import ca.uhn.hl7v2.model.v25.message.ADT_A03;
import ca.uhn.hl7v2.model.v25.message.MDM_T02;
import ca.uhn.hl7v2.parser.PipeParser;
import org.junit.jupiter.api.Test;
import se.vardnav.sim.platform.VisitEncounters;
import se.vardnav.support.TestPersons;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class JournalVisitMessagesTest {
    private static final Instant START = Instant.parse("2026-12-01T09:00:00Z");
    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    private final JournalVisitMessages messages = new JournalVisitMessages("JOURNAL", "REGION");
    private final String patient = TestPersons.next();

    private Visit visit() {
        return EncounterReader.read(VisitEncounters.visit("V-42", patient, "SE2321000016-UNIT", "SE2321000016-DR01")
                .booking("B-9").started(START)
                .handover("SE2321000016-DR02", START.plusSeconds(300), "Tar över")
                .note("Mår bättre", "Viral infektion", "Kontakt vid behov", "SE2321000016-DR02")
                .diagnosis("J06.9", "Akut övre luftvägsinfektion", true).diagnosis("R05", "Hosta", false)
                .ended(Instant.parse("2026-12-01T22:30:00Z"), 3).build()).visit();
    }

    private static PipeParser parser() {
        return PipeParser.getInstanceWithNoValidation();
    }

    @Test
    void visitStartedIsAnA04ForAnOutpatientWithVisitNumberAndBooking() throws Exception {
        ADT_A01 m = (ADT_A01) parser().parse(messages.build(JournalVisitMessages.Kind.A04, visit(), 7, 0, NOW));
        assertThat(m.getMSH().getMessageType().encode()).isEqualTo("ADT^A04^ADT_A01");
        assertThat(m.getMSH().getVersionID().getVersionID().getValue()).isEqualTo("2.5");
        assertThat(m.getPID().getPatientIdentifierList(0).getIDNumber().getValue()).isEqualTo(patient);
        assertThat(m.getPID().getPatientIdentifierList(0).getAssigningAuthority().getUniversalID().getValue()).isEqualTo("1.2.752.129.2.1.3.1");
        assertThat(m.getPV1().getPatientClass().getValue()).isEqualTo("O");
        assertThat(m.getPV1().getVisitNumber().getIDNumber().getValue()).isEqualTo("V-42");
        assertThat(m.getPV1().getAlternateVisitID().getIDNumber().getValue()).isEqualTo("B-9");
        assertThat(m.getPV1().getAttendingDoctor(0).getIDNumber().getValue()).isEqualTo("SE2321000016-DR02");
        assertThat(m.getPV1().getAdmitDateTime().getTime().getValue()).isEqualTo("20261201100000+0100");
    }

    @Test
    void handoverIsAnA08NamingTheNewAndThePreviousClinician() throws Exception {
        ADT_A01 m = (ADT_A01) parser().parse(messages.build(JournalVisitMessages.Kind.A08, visit(), 7, 1, NOW));
        assertThat(m.getMSH().getMessageType().encode()).isEqualTo("ADT^A08^ADT_A01");
        assertThat(m.getPV1().getAttendingDoctor(0).getIDNumber().getValue()).isEqualTo("SE2321000016-DR02");
        assertThat(m.getPV1().getReferringDoctor(0).getIDNumber().getValue()).isEqualTo("SE2321000016-DR01");
        assertThat(m.getOBX().getObservationValue(0).encode()).isEqualTo("Tar över");
    }

    @Test
    void visitEndedIsAnA03WithEndTimeAndTheAsynchronousPhasesLastDay() throws Exception {
        ADT_A03 m = (ADT_A03) parser().parse(messages.build(JournalVisitMessages.Kind.A03, visit(), 7, 0, NOW));
        assertThat(m.getMSH().getMessageType().encode()).isEqualTo("ADT^A03^ADT_A03");
        // 22:30 UTC is 23:30 in Stockholm: the visit ended on 1 December, the patient may write through the 4th
        assertThat(m.getPV1().getDischargeDateTime(0).getTime().getValue()).isEqualTo("20261201233000+0100");
        assertThat(m.getOBX(0).getObservationValue(0).encode()).isEqualTo("20261204");
        assertThat(m.getOBX(1).getObservationValue(0).encode()).isEqualTo("4");
    }

    @Test
    void theDraftNoteIsAnUnsignedMdmT02WithItsFieldsAsObx() throws Exception {
        MDM_T02 m = (MDM_T02) parser().parse(messages.build(JournalVisitMessages.Kind.T02, visit(), 7, 0, NOW));
        assertThat(m.getMSH().getMessageType().encode()).isEqualTo("MDM^T02^MDM_T02");
        assertThat(m.getTXA().getDocumentCompletionStatus().getValue()).isEqualTo("DO");
        assertThat(m.getTXA().getAuthenticationPersonTimeStamp()).isEmpty();
        assertThat(m.getTXA().getOriginatorCodeName(0).getIDNumber().getValue()).isEqualTo("SE2321000016-DR02");
        assertThat(m.getOBXNTEReps()).isEqualTo(5);
        assertThat(m.getOBXNTE(0).getOBX().getObservationIdentifier().getIdentifier().getValue()).isEqualTo("STATUS");
        assertThat(m.getOBXNTE(1).getOBX().getObservationIdentifier().getIdentifier().getValue()).isEqualTo("BEDOMNING");
        assertThat(m.getOBXNTE(2).getOBX().getObservationValue(0).encode()).isEqualTo("J06.9^Akut övre luftvägsinfektion^ICD-10-SE");
        assertThat(m.getOBXNTE(3).getOBX().getObservationIdentifier().getIdentifier().getValue()).isEqualTo("DIAG-BI");
        assertThat(m.getOBXNTE(4).getOBX().getObservationValue(0).encode()).isEqualTo("Kontakt vid behov");
        assertThat(m.getOBXNTE(0).getOBX().getObservationResultStatus().getValue()).isEqualTo("P");
    }

    @Test
    void theSameEventGetsTheSameControlIdAndAnotherEventAnother() {
        String a = JournalVisitMessages.controlId("V-42", 7, JournalVisitMessages.Kind.A04, 0);
        assertThat(a).hasSize(20).isEqualTo(JournalVisitMessages.controlId("V-42", 7, JournalVisitMessages.Kind.A04, 0));
        assertThat(a).isNotEqualTo(JournalVisitMessages.controlId("V-42", 7, JournalVisitMessages.Kind.A03, 0));
    }
}
