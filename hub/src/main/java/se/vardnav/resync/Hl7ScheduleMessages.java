package se.vardnav.resync;

import ca.uhn.hl7v2.DefaultHapiContext;
import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.model.v25.datatype.CX;
import ca.uhn.hl7v2.model.v25.datatype.TQ;
import ca.uhn.hl7v2.model.v25.datatype.XCN;
import ca.uhn.hl7v2.model.v25.group.SQR_S25_RESOURCES;
import ca.uhn.hl7v2.model.v25.group.SQR_S25_SCHEDULE;
import ca.uhn.hl7v2.model.v25.message.SQM_S25;
import ca.uhn.hl7v2.model.v25.message.SQR_S25;
import ca.uhn.hl7v2.model.v25.segment.MSH;
import ca.uhn.hl7v2.model.v25.segment.QRD;
import ca.uhn.hl7v2.model.v25.segment.SCH;
import ca.uhn.hl7v2.parser.CanonicalModelClassFactory;
import ca.uhn.hl7v2.parser.PipeParser;
import se.vardnav.booking.Hl7Time;
import se.vardnav.identity.PatientIdentity;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * "Uppdatera nu" over HL7 v2.5 (profile: connectors/journal-hl7/README.md, "Resync over HL7"): the query SQM^S25 for one
 * patient's appointments at a unit, and the reading of the journal's answer SQR^S25 into the same {@link ScheduledBooking}s
 * the RIV-TA answer gives. An answer the hub cannot trust to be the whole, correct schedule of this patient (another
 * query's, another patient's, cut short, not AA/OK) is refused as a whole: reconciling from it could cancel bookings
 * the journal still has. Reasons name segments and fields, never content.
 */
public final class Hl7ScheduleMessages {
    public static final String SENDING_APP = "VARDNAV";
    /** QRD-9: the patient's appointments, asked by the patient's identifier (HL7 table 0048). */
    public static final String WHAT = "APM";
    /** QRD-7: at most this many appointments in one answer; an answer with more to come is refused, not half-used. */
    public static final int LIMIT = 1000;
    /** SCH-25 filler statuses of bookings the journal no longer has (HL7 table 0278). */
    private static final Set<String> GONE = Set.of("CANCELLED", "DELETED");
    private static final DateTimeFormatter DTM = DateTimeFormatter.ofPattern("yyyyMMddHHmmssZ").withZone(Hl7Time.JOURNAL_ZONE);
    private final String receivingApp;
    private final String receivingFacility;
    private final PipeParser parser;

    public Hl7ScheduleMessages(String receivingApp, String receivingFacility) {
        this.receivingApp = receivingApp;
        this.receivingFacility = receivingFacility;
        HapiContext context = new DefaultHapiContext(new CanonicalModelClassFactory("2.5"));
        context.getParserConfiguration().setValidating(false);
        // HAPI's default id generator writes an id_file into the working directory
        context.getParserConfiguration().setIdGenerator(new ca.uhn.hl7v2.util.idgenerator.InMemoryIDGenerator());
        this.parser = context.getPipeParser();
    }

    /** SQM^S25 for the patient's appointments at the unit; {@code controlId} is MSH-10 and QRD-4 (at most 20 characters). */
    public String query(String controlId, PatientIdentity patient, String unitHsaId, Instant now) {
        try {
            SQM_S25 m = new SQM_S25();
            MSH msh = m.getMSH();
            msh.getFieldSeparator().setValue("|");
            msh.getEncodingCharacters().setValue("^~\\&");
            msh.getSendingApplication().getNamespaceID().setValue(SENDING_APP);
            msh.getReceivingApplication().getNamespaceID().setValue(receivingApp);
            msh.getReceivingFacility().getNamespaceID().setValue(receivingFacility);
            msh.getDateTimeOfMessage().getTime().setValue(DTM.format(now));
            msh.getMessageType().getMessageCode().setValue("SQM");
            msh.getMessageType().getTriggerEvent().setValue("S25");
            msh.getMessageType().getMessageStructure().setValue("SQM_S25");
            msh.getMessageControlID().setValue(controlId);
            msh.getProcessingID().getProcessingID().setValue("P");
            msh.getVersionID().getVersionID().setValue("2.5");
            msh.getCharacterSet(0).setValue("UNICODE UTF-8");
            QRD qrd = m.getQRD();
            qrd.getQueryDateTime().getTime().setValue(DTM.format(now));
            qrd.getQueryFormatCode().setValue("R");
            qrd.getQueryPriority().setValue("I");
            qrd.getQueryID().setValue(controlId);
            qrd.getQuantityLimitedRequest().getQuantity().setValue(Integer.toString(LIMIT));
            qrd.getQuantityLimitedRequest().getUnits().getIdentifier().setValue("RD");
            XCN who = qrd.getWhoSubjectFilter(0);
            who.getIDNumber().setValue(patient.value());
            who.getAssigningAuthority().getUniversalID().setValue(patient.kind().oid());
            who.getAssigningAuthority().getUniversalIDType().setValue("ISO");
            who.getIdentifierTypeCode().setValue("NNSWE");
            qrd.getWhatSubjectFilter(0).getIdentifier().setValue(WHAT);
            m.getQRF().getWhereSubjectFilter(0).setValue(unitHsaId);
            return parser.encode(m);
        } catch (HL7Exception e) {
            throw new IllegalStateException("cannot build SQM^S25", e);
        }
    }

    /**
     * The bookings in the journal's SQR^S25 to the query {@code controlId} about {@code patient}; bookings the answer
     * marks cancelled or deleted (SCH-25) are left out, as the journal no longer has them.
     *
     * @throws ScheduleUnavailableException 502 when the answer cannot be used as the patient's whole schedule
     */
    public List<ScheduledBooking> read(String er7, String controlId, PatientIdentity patient) {
        SQR_S25 answer = parse(er7);
        try {
            String ack = answer.getMSA().getAcknowledgmentCode().getValue();
            if (!"AA".equals(ack) && !"CA".equals(ack)) {
                throw refused("answered " + ack + " to SQM^S25: " + text(answer.getMSA().getTextMessage().getValue()));
            }
            if (!controlId.equals(answer.getMSA().getMessageControlID().getValue())) {
                throw refused("answered another query (MSA-2 is not the query's MSH-10)");
            }
            String tag = answer.getQAK().getQueryTag().getValue();
            if (tag != null && !tag.isBlank() && !controlId.equals(tag)) {
                throw refused("answered another query (QAK-1 is not the query's QRD-4)");
            }
            String status = answer.getQAK().getQueryResponseStatus().getValue();
            if ("NF".equals(status)) {
                return List.of();
            }
            if (status != null && !status.isBlank() && !"OK".equals(status)) {
                throw refused("answered QAK-2 " + status + " to SQM^S25");
            }
            String remaining = answer.getQAK().getHitsRemaining().getValue();
            if (answer.getDSC().getContinuationPointer().getValue() != null || remaining != null && !remaining.isBlank() && !"0".equals(remaining.strip())) {
                throw refused("the answer is incomplete (DSC continuation or QAK-6 hits remaining): more than " + LIMIT + " appointments?");
            }
            List<ScheduledBooking> out = new ArrayList<>();
            for (int i = 0; i < answer.getSCHEDULEReps(); i++) {
                SQR_S25_SCHEDULE group = answer.getSCHEDULE(i);
                checkPatient(group, patient, i + 1);
                ScheduledBooking booking = booking(group, i + 1);
                if (booking != null) {
                    out.add(booking);
                }
            }
            return out;
        } catch (HL7Exception e) {
            throw refused("the answer could not be read (" + e.getClass().getSimpleName() + ")");
        }
    }

    private SQR_S25 parse(String er7) {
        Message message;
        try {
            message = parser.parse(er7);
        } catch (HL7Exception | RuntimeException e) {
            // HAPI's text quotes the message: the kind of fault only
            throw refused("the answer is not HL7 the hub can read (" + e.getClass().getSimpleName() + ")");
        }
        if (!(message instanceof SQR_S25 sqr)) {
            throw refused("the answer is not SQR^S25 (MSH-9)");
        }
        return sqr;
    }

    /** A schedule group naming another patient makes the whole answer suspect. */
    private static void checkPatient(SQR_S25_SCHEDULE group, PatientIdentity patient, int n) throws HL7Exception {
        if (group.getPATIENT().getPID().isEmpty()) {
            return;
        }
        for (CX id : group.getPATIENT().getPID().getPatientIdentifierList()) {
            String value = id.getIDNumber().getValue();
            if (value == null || value.isBlank()) {
                continue;
            }
            PatientIdentity named;
            try {
                named = PatientIdentity.classify(value, id.getAssigningAuthority().getUniversalID().getValue());
            } catch (PatientIdentity.InvalidIdentityException e) {
                throw refused("schedule " + n + ", PID-3: " + e.getMessage());
            }
            if (!named.value().equals(patient.value())) {
                throw refused("schedule " + n + ", PID-3 names another patient than the one asked for");
            }
        }
    }

    private static ScheduledBooking booking(SQR_S25_SCHEDULE group, int n) throws HL7Exception {
        SCH sch = group.getSCH();
        String bookingId = sch.getPlacerAppointmentID().getEntityIdentifier().getValue();
        if (bookingId == null || bookingId.isBlank()) {
            throw refused("schedule " + n + ", SCH-1: placer appointment id (booking id) missing");
        }
        String filler = sch.getFillerStatusCode().getIdentifier().getValue();
        if (filler != null && GONE.contains(filler.strip().toUpperCase(Locale.ROOT))) {
            return null;
        }
        TQ timing = sch.getAppointmentTimingQuantity(0);
        String start = timing.getStartDateTime().getTime().getValue();
        String end = timing.getEndDateTime().getTime().getValue();
        if (start == null && !group.getTQ1().isEmpty()) {
            start = group.getTQ1().getStartDateTime().getTime().getValue();
            end = group.getTQ1().getEndDateTime().getTime().getValue();
        }
        Instant from = time(start, n, "SCH-11.4 (start)");
        Instant to = time(end, n, "SCH-11.5 (end)");
        if (from != null && to != null && !to.isAfter(from)) {
            throw refused("schedule " + n + ": SCH-11.5 (end) is not after SCH-11.4 (start)");
        }
        String performer = null, performerName = null, unit = null, unitName = null;
        for (int r = 0; r < group.getRESOURCESReps(); r++) {
            SQR_S25_RESOURCES res = group.getRESOURCES(r);
            if (performer == null && res.getPERSONNEL_RESOURCEReps() > 0) {
                XCN staff = res.getPERSONNEL_RESOURCE(0).getAIP().getPersonnelResourceID(0);
                performer = blankToNull(staff.getIDNumber().getValue());
                performerName = blankToNull(staff.getFamilyName().getSurname().getValue());
            }
            if (unit == null && res.getLOCATION_RESOURCEReps() > 0) {
                var place = res.getLOCATION_RESOURCE(0).getAIL().getLocationResourceID(0);
                unit = blankToNull(place.getPointOfCare().getValue());
                unitName = blankToNull(place.getLocationDescription().getValue());
            }
        }
        return new ScheduledBooking(bookingId.strip(), from, to, blankToNull(sch.getAppointmentType().getIdentifier().getValue()),
                blankToNull(sch.getAppointmentType().getText().getValue()), performer, performerName, unit, unitName);
    }

    private static Instant time(String dtm, int n, String field) {
        if (dtm == null || dtm.isBlank()) {
            return null;
        }
        try {
            return Hl7Time.parse(dtm);
        } catch (DateTimeException e) {
            throw refused("schedule " + n + ", " + field + ": " + e.getMessage());
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static String text(String s) {
        if (s == null || s.isBlank()) {
            return "(no reason given)";
        }
        return s.length() > 200 ? s.substring(0, 200) : s;
    }

    static ScheduleUnavailableException refused(String why) {
        return new ScheduleUnavailableException(ScheduleUnavailableException.REFUSED, "the journal system's SQR^S25: " + why);
    }
}
