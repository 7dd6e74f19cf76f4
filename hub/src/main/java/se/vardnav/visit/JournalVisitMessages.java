package se.vardnav.visit;

import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.model.AbstractMessage;
import ca.uhn.hl7v2.model.v25.datatype.CWE;
import ca.uhn.hl7v2.model.v25.datatype.CX;
import ca.uhn.hl7v2.model.v25.datatype.DT;
import ca.uhn.hl7v2.model.v25.datatype.TX;
import ca.uhn.hl7v2.model.v25.datatype.XCN;
import ca.uhn.hl7v2.model.v25.message.ADT_A01;
import ca.uhn.hl7v2.model.v25.message.ADT_A03;
import ca.uhn.hl7v2.model.v25.message.MDM_T02;
import ca.uhn.hl7v2.model.v25.segment.EVN;
import ca.uhn.hl7v2.model.v25.segment.MSH;
import ca.uhn.hl7v2.model.v25.segment.OBX;
import ca.uhn.hl7v2.model.v25.segment.PID;
import ca.uhn.hl7v2.model.v25.segment.PV1;
import ca.uhn.hl7v2.parser.PipeParser;
import se.vardnav.booking.Hl7Time;
import se.vardnav.fhir.Fhir;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;

/**
 * The HL7 v2.5 messages a visit gives the journal system (profile: connectors/journal-hl7/README.md, "Visits out"):
 * ADT^A04 started, ADT^A08 handed over, ADT^A03 ended, MDM^T02 the draft note (MDM^T10 when it changed).
 * Built with HAPI's v2.5 structures; the message control id is derived from visit, version and kind, so a message
 * built again for the same event is the same message to the journal.
 */
public final class JournalVisitMessages {
    public static final String SENDING_APP = "VARDNAV";
    /** PV1-19's assigning authority: the visit platform's visit numbers. */
    public static final String VISIT_AUTHORITY = "VISITPLATFORM";
    /** PV1-50's assigning authority: the journal's own booking ids. */
    public static final String BOOKING_AUTHORITY = "JOURNAL";
    /** OBX-3 coding system of the hub's local observation codes. */
    public static final String LOCAL_CODES = "VARDNAV";
    public static final String ICD_10_SE = "ICD-10-SE";
    private static final DateTimeFormatter DTM = DateTimeFormatter.ofPattern("yyyyMMddHHmmssZ").withZone(Hl7Time.JOURNAL_ZONE);
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyyMMdd");
    private final String receivingApp;
    private final String receivingFacility;

    public JournalVisitMessages(String receivingApp, String receivingFacility) {
        this.receivingApp = receivingApp;
        this.receivingFacility = receivingFacility;
    }

    /** What a visit version tells the journal, in the order it must arrive. */
    public enum Kind { A04, A08, T02, T10, A03 }

    public String build(Kind kind, Visit visit, long version, int handover, Instant now) {
        try {
            String controlId = controlId(visit.visitId(), version, kind, handover);
            AbstractMessage msg = switch (kind) {
                case A04, A08 -> adtA01(kind, visit, handover, controlId, now);
                case A03 -> adtA03(visit, controlId, now);
                case T02, T10 -> mdm(kind, visit, controlId, now);
            };
            return new PipeParser().encode(msg);
        } catch (HL7Exception | java.io.IOException e) {
            throw new IllegalStateException("cannot build " + kind, e);
        }
    }

    private ADT_A01 adtA01(Kind kind, Visit visit, int handover, String controlId, Instant now) throws HL7Exception, java.io.IOException {
        ADT_A01 m = new ADT_A01();
        m.initQuickstart("ADT", kind.name(), "P");
        msh(m.getMSH(), "ADT", kind.name(), "ADT_A01", controlId, now);
        Visit.Clinician responsible = kind == Kind.A08 ? visit.clinicians().get(handover) : visit.responsible();
        Instant occurred = kind == Kind.A08 && responsible.from() != null ? responsible.from() : visit.start();
        evn(m.getEVN(), kind.name(), now, occurred);
        pid(m.getPID(), visit);
        pv1(m.getPV1(), visit, responsible);
        if (kind == Kind.A08) {
            // PV1-8: the clinician who handed the visit over; the message in an OBX
            xcn(m.getPV1().getReferringDoctor(0), visit.clinicians().get(handover - 1).hsaId());
            if (responsible.handoverMessage() != null) {
                text(m.getOBX(), 1, "HANDOVER", "Överlämningsmeddelande", responsible.handoverMessage(), "F", null);
            }
        }
        return m;
    }

    private ADT_A03 adtA03(Visit visit, String controlId, Instant now) throws HL7Exception, java.io.IOException {
        ADT_A03 m = new ADT_A03();
        m.initQuickstart("ADT", "A03", "P");
        msh(m.getMSH(), "ADT", "A03", "ADT_A03", controlId, now);
        evn(m.getEVN(), "A03", now, visit.end());
        pid(m.getPID(), visit);
        pv1(m.getPV1(), visit, visit.responsible());
        m.getPV1().getDischargeDateTime(0).getTime().setValue(DTM.format(visit.end()));
        // the asynchronous phase's last day, and its length as patients are shown it
        LocalDate endDay = visit.end().atZone(Hl7Time.JOURNAL_ZONE).toLocalDate();
        OBX last = m.getOBX(0);
        last.getSetIDOBX().setValue("1");
        last.getValueType().setValue("DT");
        observation(last, "ASYNC-LAST-DAY", "Asynkron fas, sista dag");
        DT day = new DT(m);
        day.setValue(DATE.format(visit.asyncPhase().lastDay(endDay)));
        last.getObservationValue(0).setData(day);
        last.getObservationResultStatus().setValue("F");
        OBX shown = m.getOBX(1);
        shown.getSetIDOBX().setValue("2");
        shown.getValueType().setValue("NM");
        observation(shown, "ASYNC-DAYS-SHOWN", "Asynkron fas, dagar som visas");
        ca.uhn.hl7v2.model.v25.datatype.NM nm = new ca.uhn.hl7v2.model.v25.datatype.NM(m);
        nm.setValue(Integer.toString(visit.asyncPhase().shownDays()));
        shown.getObservationValue(0).setData(nm);
        shown.getObservationResultStatus().setValue("F");
        return m;
    }

    private MDM_T02 mdm(Kind kind, Visit visit, String controlId, Instant now) throws HL7Exception, java.io.IOException {
        MDM_T02 m = new MDM_T02();
        m.initQuickstart("MDM", kind.name(), "P");
        msh(m.getMSH(), "MDM", kind.name(), "MDM_T02", controlId, now);
        evn(m.getEVN(), kind.name(), now, now);
        pid(m.getPID(), visit);
        pv1(m.getPV1(), visit, visit.responsible());
        Visit.Note note = visit.note();
        var txa = m.getTXA();
        txa.getSetIDTXA().setValue("1");
        txa.getDocumentType().setValue("PR");
        txa.getDocumentContentPresentation().setValue("TX");
        txa.getActivityDateTime().getTime().setValue(DTM.format(now));
        xcn(txa.getOriginatorCodeName(0), note.authorHsaId());
        txa.getUniqueDocumentNumber().getEntityIdentifier().setValue(visit.visitId() + ".note");
        txa.getUniqueDocumentNumber().getNamespaceID().setValue(VISIT_AUTHORITY);
        if (kind == Kind.T10) {
            txa.getParentDocumentNumber().getEntityIdentifier().setValue(visit.visitId() + ".note");
            txa.getParentDocumentNumber().getNamespaceID().setValue(VISIT_AUTHORITY);
        }
        // TXA-17 DO: documented, not authenticated (a draft the clinician signs in the journal); TXA-22 stays empty
        txa.getDocumentCompletionStatus().setValue("DO");
        txa.getDocumentAvailabilityStatus().setValue("UN");
        int n = 0;
        if (note.status() != null) {
            text(m.getOBXNTE(n).getOBX(), ++n, "STATUS", "Status", note.status(), "P", note.authorHsaId());
        }
        if (note.assessment() != null) {
            text(m.getOBXNTE(n).getOBX(), ++n, "BEDOMNING", "Bedömning", note.assessment(), "P", note.authorHsaId());
        }
        for (Visit.Diagnosis d : note.mainDiagnoses()) {
            diagnosis(m, m.getOBXNTE(n).getOBX(), ++n, "DIAG-HUVUD", "Huvuddiagnos", d, note.authorHsaId());
        }
        for (Visit.Diagnosis d : note.secondaryDiagnoses()) {
            diagnosis(m, m.getOBXNTE(n).getOBX(), ++n, "DIAG-BI", "Bidiagnos", d, note.authorHsaId());
        }
        if (note.text() != null) {
            text(m.getOBXNTE(n).getOBX(), ++n, "FRITEXT", "Fritext", note.text(), "P", note.authorHsaId());
        }
        return m;
    }

    private void msh(MSH msh, String type, String trigger, String structure, String controlId, Instant now) throws HL7Exception, java.io.IOException {
        msh.getSendingApplication().getNamespaceID().setValue(SENDING_APP);
        msh.getReceivingApplication().getNamespaceID().setValue(receivingApp);
        msh.getReceivingFacility().getNamespaceID().setValue(receivingFacility);
        msh.getDateTimeOfMessage().getTime().setValue(DTM.format(now));
        msh.getMessageType().getMessageCode().setValue(type);
        msh.getMessageType().getTriggerEvent().setValue(trigger);
        msh.getMessageType().getMessageStructure().setValue(structure);
        msh.getMessageControlID().setValue(controlId);
        msh.getCharacterSet(0).setValue("UNICODE UTF-8");
    }

    private static void evn(EVN evn, String trigger, Instant now, Instant occurred) throws HL7Exception {
        evn.getEventTypeCode().setValue(trigger);
        evn.getRecordedDateTime().getTime().setValue(DTM.format(now));
        if (occurred != null) {
            evn.getEventOccurred().getTime().setValue(DTM.format(occurred));
        }
    }

    /** PID-3 only: the journal knows the patient by number; the platform's Encounter carries no name. */
    private static void pid(PID pid, Visit visit) throws HL7Exception {
        pid.getSetIDPID().setValue("1");
        CX id = pid.getPatientIdentifierList(0);
        id.getIDNumber().setValue(visit.patient().value());
        id.getAssigningAuthority().getUniversalID().setValue(visit.patient().kind().oid());
        id.getAssigningAuthority().getUniversalIDType().setValue("ISO");
        id.getIdentifierTypeCode().setValue("NNSWE");
    }

    private static void pv1(PV1 pv1, Visit visit, Visit.Clinician responsible) throws HL7Exception {
        pv1.getSetIDPV1().setValue("1");
        pv1.getPatientClass().setValue("O");
        pv1.getAssignedPatientLocation().getFacility().getNamespaceID().setValue(visit.unitHsaId());
        pv1.getAssignedPatientLocation().getFacility().getUniversalID().setValue(Fhir.HSA_ID_OID);
        pv1.getAssignedPatientLocation().getFacility().getUniversalIDType().setValue("ISO");
        xcn(pv1.getAttendingDoctor(0), responsible.hsaId());
        pv1.getVisitNumber().getIDNumber().setValue(visit.visitId());
        pv1.getVisitNumber().getAssigningAuthority().getNamespaceID().setValue(VISIT_AUTHORITY);
        pv1.getVisitNumber().getIdentifierTypeCode().setValue("VN");
        if (visit.bookingId() != null) {
            pv1.getAlternateVisitID().getIDNumber().setValue(visit.bookingId());
            pv1.getAlternateVisitID().getAssigningAuthority().getNamespaceID().setValue(BOOKING_AUTHORITY);
        }
        if (visit.start() != null) {
            pv1.getAdmitDateTime().getTime().setValue(DTM.format(visit.start()));
        }
    }

    private static void xcn(XCN xcn, String hsaId) throws HL7Exception {
        xcn.getIDNumber().setValue(hsaId);
        xcn.getAssigningAuthority().getUniversalID().setValue(Fhir.HSA_ID_OID);
        xcn.getAssigningAuthority().getUniversalIDType().setValue("ISO");
    }

    private static void observation(OBX obx, String code, String text) throws HL7Exception {
        obx.getObservationIdentifier().getIdentifier().setValue(code);
        obx.getObservationIdentifier().getText().setValue(text);
        obx.getObservationIdentifier().getNameOfCodingSystem().setValue(LOCAL_CODES);
    }

    private static void text(OBX obx, int setId, String code, String label, String value, String status, String author) throws HL7Exception {
        obx.getSetIDOBX().setValue(Integer.toString(setId));
        obx.getValueType().setValue("TX");
        observation(obx, code, label);
        TX tx = new TX(obx.getMessage());
        tx.setValue(value);
        obx.getObservationValue(0).setData(tx);
        obx.getObservationResultStatus().setValue(status);
        if (author != null) {
            xcn(obx.getResponsibleObserver(0), author);
        }
    }

    private static void diagnosis(MDM_T02 m, OBX obx, int setId, String code, String label, Visit.Diagnosis d, String author) throws HL7Exception {
        obx.getSetIDOBX().setValue(Integer.toString(setId));
        obx.getValueType().setValue("CWE");
        observation(obx, code, label);
        CWE cwe = new CWE(m);
        cwe.getIdentifier().setValue(d.code());
        cwe.getText().setValue(d.display());
        cwe.getNameOfCodingSystem().setValue(ICD_10_SE);
        obx.getObservationValue(0).setData(cwe);
        obx.getObservationResultStatus().setValue("P");
        xcn(obx.getResponsibleObserver(0), author);
    }

    /** 20 characters (MSH-10's length in v2.5), the same for the same visit, version, kind and handover. */
    static String controlId(String visitId, long version, Kind kind, int handover) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((visitId + "|" + version + "|" + kind + "|" + handover).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, 20).toUpperCase(java.util.Locale.ROOT);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
