package se.vardnav.visit;

import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.IntegerType;
import org.junit.jupiter.api.Test;
import se.vardnav.booking.Protection;
import se.vardnav.fhir.Fhir;
import se.vardnav.sim.platform.VisitEncounters;
import se.vardnav.support.TestPersons;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class EncounterReaderTest {
    private static final Instant START = Instant.parse("2026-12-01T09:00:00Z");
    private static final String UNIT = "SE2321000016-UNIT";
    private static final String DOCTOR = "SE2321000016-DR01";

    private VisitEncounters visit(String patient) {
        return VisitEncounters.visit("V-1", patient, UNIT, DOCTOR);
    }

    @Test
    void anEndedVisitWithHandoverAndNoteIsReadWhole() {
        Encounter e = visit(TestPersons.next()).booking("B-7").started(START)
                .handover("SE2321000016-DR02", START.plusSeconds(600), "Tar över, ring patienten")
                .note("Mår bättre", "Viral infektion", "Fri text", "SE2321000016-DR02")
                .diagnosis("J06.9", "Akut övre luftvägsinfektion", true).diagnosis("R05", "Hosta", false)
                .ended(START.plusSeconds(1800), 3).build();
        EncounterReader.Result r = EncounterReader.read(e);
        assertThat(r.problems()).isEmpty();
        Visit v = r.visit();
        assertThat(v.visitId()).isEqualTo("V-1");
        assertThat(v.status()).isEqualTo(Visit.Status.FINISHED);
        assertThat(v.bookingId()).isEqualTo("B-7");
        assertThat(v.unitHsaId()).isEqualTo(UNIT);
        assertThat(v.handovers()).isEqualTo(1);
        assertThat(v.responsible().hsaId()).isEqualTo("SE2321000016-DR02");
        assertThat(v.asyncPhase().shownDays()).isEqualTo(4);
        assertThat(v.note().mainDiagnoses()).extracting(Visit.Diagnosis::code).containsExactly("J06.9");
        assertThat(v.note().secondaryDiagnoses()).extracting(Visit.Diagnosis::code).containsExactly("R05");
        assertThat(v.note().authorHsaId()).isEqualTo("SE2321000016-DR02");
    }

    @Test
    void aDropInVisitHasNoBooking() {
        Visit v = EncounterReader.read(visit(TestPersons.next()).started(START).build()).visit();
        assertThat(v.bookingId()).isNull();
        assertThat(v.status().started()).isTrue();
    }

    @Test
    void everyProblemIsNamedWithoutThePersonalNumber() {
        String bad = TestPersons.withBadCheckDigit();
        Encounter e = visit(bad).build();
        e.getIdentifierFirstRep().setSystem("urn:other");
        e.getClass_().setCode("AMB");
        e.getServiceProvider().getIdentifier().setSystem("urn:other");
        e.setStatus(Encounter.EncounterStatus.FINISHED);
        EncounterReader.Result r = EncounterReader.read(e);
        assertThat(r.valid()).isFalse();
        assertThat(String.join("\n", r.problems()))
                .contains("Encounter.identifier", "Encounter.class", "Encounter.subject.identifier: personnummer check digit",
                        "Encounter.serviceProvider", "Encounter.period.start", "Encounter.period.end", "asynchronous phase")
                .doesNotContain(bad);
    }

    @Test
    void anAsynchronousPhaseOutsideTheRangeIsRefused() {
        Encounter e = visit(TestPersons.next()).started(START).ended(START.plusSeconds(60), 3651).build();
        assertThat(EncounterReader.read(e).problems()).singleElement().asString().contains("1–3650 days, not 3651");
        e.getExtensionByUrl(Fhir.EXT_ASYNC_PHASE_DAYS).setValue(new IntegerType(0));
        assertThat(EncounterReader.read(e).problems()).singleElement().asString().contains("not 0");
        e.getExtensionByUrl(Fhir.EXT_ASYNC_PHASE_DAYS).setValue(new IntegerType(3650));
        assertThat(EncounterReader.read(e).problems()).isEmpty();
    }

    @Test
    void aDiagnosisMustBeIcd10SeAndAHandoverNeedsItsTime() {
        Encounter e = visit(TestPersons.next()).started(START).note("s", null, null, DOCTOR).diagnosis("not a code", null, true)
                .handover("SE2321000016-DR02", START, "m").build();
        e.getParticipant().get(1).getPeriod().setStart(null);
        assertThat(String.join("\n", EncounterReader.read(e).problems()))
                .contains("Encounter.diagnosis[0].condition: an ICD-10-SE code", "Encounter.participant[1].period.start");
    }

    @Test
    void protectionLabelsAreRead() {
        Visit v = EncounterReader.read(visit(TestPersons.next()).protectedIdentity().blockedJournal().build()).visit();
        assertThat(v.protections()).containsExactlyInAnyOrder(Protection.SEKRETESSMARKERING, Protection.SPARRAD_JOURNAL);
    }
}
