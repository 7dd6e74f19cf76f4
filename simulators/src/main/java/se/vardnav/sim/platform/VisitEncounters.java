package se.vardnav.sim.platform;

import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import se.vardnav.fhir.Fhir;

import java.time.Instant;
import java.util.Date;

/**
 * Encounters as the visit platform writes them (profile: connectors/visit-platform/README.md, "Visits"), for the
 * platform simulator, the demo and tests. Each step returns this builder; {@link #build()} gives a fresh copy.
 */
public final class VisitEncounters {
    private final Encounter e = new Encounter();
    private int conditions;

    private VisitEncounters(String visitId, String patient, String unitHsaId, String clinicianHsaId) {
        e.addIdentifier().setSystem(Fhir.PLATFORM_ENCOUNTER_ID).setValue(visitId);
        e.setClass_(new Coding(Fhir.ACT_CODE, Fhir.VIRTUAL, "virtual"));
        e.setStatus(Encounter.EncounterStatus.PLANNED);
        e.setSubject(new Reference().setIdentifier(new Identifier().setSystem(Fhir.PERSONNUMMER).setValue(patient)));
        e.setServiceProvider(new Reference().setIdentifier(new Identifier().setSystem(Fhir.HSA_ID).setValue(unitHsaId)));
        e.addParticipant().setIndividual(new Reference().setIdentifier(new Identifier().setSystem(Fhir.HSA_ID).setValue(clinicianHsaId)))
                .addType(new CodeableConcept(new Coding(Fhir.PARTICIPATION_TYPE, "PPRF", "primary performer")));
    }

    public static VisitEncounters visit(String visitId, String patient, String unitHsaId, String clinicianHsaId) {
        return new VisitEncounters(visitId, patient, unitHsaId, clinicianHsaId);
    }

    public VisitEncounters booking(String journalBookingId) {
        e.addAppointment().setIdentifier(new Identifier().setSystem(Fhir.JOURNAL_BOOKING_ID).setValue(journalBookingId));
        return this;
    }

    public VisitEncounters at(Instant eventTime) {
        e.getMeta().setLastUpdated(Date.from(eventTime));
        return this;
    }

    public VisitEncounters started(Instant start) {
        e.setStatus(Encounter.EncounterStatus.INPROGRESS);
        e.setPeriod(new Period().setStart(Date.from(start)));
        return this;
    }

    public VisitEncounters ended(Instant end, int asyncPhaseDays) {
        e.setStatus(Encounter.EncounterStatus.FINISHED);
        e.getPeriod().setEnd(Date.from(end));
        e.addExtension(Fhir.EXT_ASYNC_PHASE_DAYS, new IntegerType(asyncPhaseDays));
        return this;
    }

    public VisitEncounters status(Encounter.EncounterStatus status) {
        e.setStatus(status);
        return this;
    }

    public VisitEncounters handover(String toHsaId, Instant at, String message) {
        Encounter.EncounterParticipantComponent p = e.addParticipant()
                .setIndividual(new Reference().setIdentifier(new Identifier().setSystem(Fhir.HSA_ID).setValue(toHsaId)))
                .setPeriod(new Period().setStart(Date.from(at)));
        p.addType(new CodeableConcept(new Coding(Fhir.PARTICIPATION_TYPE, "PPRF", "primary performer")));
        p.addExtension(Fhir.EXT_HANDOVER_MESSAGE, new StringType(message));
        return this;
    }

    /** The draft visit note: Status, Bedömning, free text, the author's HSA-id. */
    public VisitEncounters note(String status, String assessment, String text, String authorHsaId) {
        Extension note = e.addExtension().setUrl(Fhir.EXT_VISIT_NOTE);
        if (status != null) {
            note.addExtension("status", new StringType(status));
        }
        if (assessment != null) {
            note.addExtension("assessment", new StringType(assessment));
        }
        if (text != null) {
            note.addExtension("text", new StringType(text));
        }
        note.addExtension("author", new Identifier().setSystem(Fhir.HSA_ID).setValue(authorHsaId));
        return this;
    }

    /** A diagnosis of the note (ICD-10-SE): rank 1 is the main diagnosis. */
    public VisitEncounters diagnosis(String icd10, String display, boolean main) {
        Condition c = new Condition();
        c.setId("dx" + (++conditions));
        c.setCode(new CodeableConcept(new Coding(Fhir.ICD_10_SE, icd10, display)));
        e.addContained(c);
        e.addDiagnosis().setCondition(new Reference("#" + c.getId())).setRank(main ? 1 : 2);
        return this;
    }

    public VisitEncounters caseClosed() {
        e.addExtension(Fhir.EXT_CASE_CLOSED, new BooleanType(true));
        return this;
    }

    public VisitEncounters protectedIdentity() {
        e.getMeta().addSecurity(Fhir.SECURITY_LABEL, Fhir.SEKRETESSMARKERING, null);
        return this;
    }

    public VisitEncounters blockedJournal() {
        e.getMeta().addSecurity(Fhir.JOURNAL_RESTRICTION, Fhir.SPARRAD_JOURNAL, null);
        return this;
    }

    public Encounter build() {
        return e.copy();
    }
}
