package se.vardnav.booking;

import ca.uhn.hl7v2.DefaultHapiContext;
import ca.uhn.hl7v2.ErrorCode;
import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.model.v25.datatype.CE;
import ca.uhn.hl7v2.model.v25.datatype.CX;
import ca.uhn.hl7v2.model.v25.datatype.PL;
import ca.uhn.hl7v2.model.v25.datatype.TQ;
import ca.uhn.hl7v2.model.v25.datatype.XCN;
import ca.uhn.hl7v2.model.v25.group.SIU_S12_PATIENT;
import ca.uhn.hl7v2.model.v25.group.SIU_S12_RESOURCES;
import ca.uhn.hl7v2.model.v25.message.SIU_S12;
import ca.uhn.hl7v2.model.v25.segment.MSH;
import ca.uhn.hl7v2.model.v25.segment.PD1;
import ca.uhn.hl7v2.model.v25.segment.SCH;
import ca.uhn.hl7v2.parser.CanonicalModelClassFactory;
import ca.uhn.hl7v2.parser.PipeParser;
import se.vardnav.fhir.Fhir;
import se.vardnav.identity.PatientIdentity;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * SIU (S12, S13, S14, S15, S17, S26) to {@link SiuBooking}, following connectors/journal-hl7/README.md.
 * Every trigger and version is parsed into the v2.5 SIU_S12 structure they all share. Thread-safe.
 */
public final class SiuParser {
    private static final Map<String, BookingStatus> STATUS_BY_TRIGGER = Map.of(
            "S12", BookingStatus.BOOKED, "S13", BookingStatus.BOOKED, "S14", BookingStatus.BOOKED,
            "S15", BookingStatus.CANCELLED, "S17", BookingStatus.CANCELLED, "S26", BookingStatus.NOSHOW);

    private final PipeParser parser;

    public SiuParser() {
        HapiContext context = new DefaultHapiContext(new CanonicalModelClassFactory("2.5"));
        // field checks are ours, with reasons an operator can act on; HAPI's rules would reject whole messages
        context.getParserConfiguration().setValidating(false);
        context.setValidationContext(ca.uhn.hl7v2.validation.impl.ValidationContextFactory.noValidation());
        // HAPI's default id generator writes an id_file into the working directory
        context.getParserConfiguration().setIdGenerator(new ca.uhn.hl7v2.util.idgenerator.InMemoryIDGenerator());
        this.parser = context.getPipeParser();
    }

    /** Parses ER7 text into the v2.5 model; a HL7Exception here means the ACK should be AR. */
    public Message parseMessage(String er7) throws HL7Exception {
        return parser.parse(er7.replace("\r\n", "\r").replace('\n', '\r'));
    }

    /** ER7 text to a booking; an unparseable message becomes an InvalidBookingException too. */
    public SiuBooking parse(String er7) throws InvalidBookingException {
        try {
            return toBooking(parseMessage(er7));
        } catch (HL7Exception e) {
            throw new InvalidBookingException("message cannot be parsed: " + Hl7ParseErrors.reason(e), ErrorCode.SEGMENT_SEQUENCE_ERROR);
        }
    }

    /** Accepts any parsed message (e.g. from camel-hl7); other versions/structures are re-parsed as v2.5. */
    public SiuBooking toBooking(Message message) throws InvalidBookingException {
        try {
            SIU_S12 siu = message instanceof SIU_S12 s ? s : reparse(message);
            return read(siu);
        } catch (HL7Exception e) {
            throw new InvalidBookingException("message cannot be read: " + Hl7ParseErrors.reason(e), ErrorCode.DATA_TYPE_ERROR);
        }
    }

    private SIU_S12 reparse(Message message) throws HL7Exception, InvalidBookingException {
        Message m = parseMessage(message.encode());
        if (m instanceof SIU_S12 s) {
            return s;
        }
        ca.uhn.hl7v2.util.Terser t = new ca.uhn.hl7v2.util.Terser(m);
        throw new InvalidBookingException("unsupported trigger event " + t.get("/MSH-9-1") + "^" + t.get("/MSH-9-2"),
                ErrorCode.UNSUPPORTED_EVENT_CODE);
    }

    private SiuBooking read(SIU_S12 siu) throws HL7Exception, InvalidBookingException {
        MSH msh = siu.getMSH();
        String type = val(msh.getMsh9_MessageType().getMsg1_MessageCode().getValue());
        String trigger = val(msh.getMsh9_MessageType().getMsg2_TriggerEvent().getValue()).toUpperCase(Locale.ROOT);
        BookingStatus status = STATUS_BY_TRIGGER.get(trigger);
        if (!"SIU".equals(type) || status == null) {
            throw new InvalidBookingException("unsupported trigger event " + type + "^" + trigger, ErrorCode.UNSUPPORTED_EVENT_CODE);
        }
        String source = required(msh.getMsh3_SendingApplication().getHd1_NamespaceID().getValue(), "MSH-3: sending application missing");
        long version = time(msh.getMsh7_DateTimeOfMessage().getTs1_Time().getValue(), "MSH-7", "message date/time").toEpochMilli();

        SCH sch = siu.getSCH();
        String bookingId = required(sch.getSch1_PlacerAppointmentID().getEi1_EntityIdentifier().getValue(),
                "SCH-1: placer appointment id (booking id) missing");
        String fillerId = blankToNull(sch.getSch2_FillerAppointmentID().getEi1_EntityIdentifier().getValue());
        // read in full: a case name over the limit is refused by TextLimits, never cut
        String caseName = text(sch.getSch7_AppointmentReason());
        CE type8 = sch.getSch8_AppointmentType();
        String timeType = required(type8.getCe1_Identifier().getValue(), "SCH-8: appointment type (time type) code missing");
        String fillerStatus = blankToNull(sch.getSch25_FillerStatusCode().getCe1_Identifier().getValue());
        if (status == BookingStatus.BOOKED && "started".equalsIgnoreCase(fillerStatus)) {
            status = BookingStatus.ARRIVED;
        }

        Instant[] timing = timing(siu, sch);
        String comment = siu.getNTEReps() > 0 ? blankToNull(siu.getNTE().getNte3_Comment(0).getValue()) : null;

        PatientIdentity patient = null;
        String phone = null;
        Set<Protection> protections = EnumSet.noneOf(Protection.class);
        if (siu.getPATIENTReps() > 0) {
            SIU_S12_PATIENT group = siu.getPATIENT();
            patient = patient(group.getPID().getPid3_PatientIdentifierList());
            phone = phone(group.getPID().getPid13_PhoneNumberHome());
            protections = protections(group.getPD1());
        }

        List<SiuBooking.Resource> staff = new ArrayList<>();
        List<SiuBooking.Resource> locations = new ArrayList<>();
        List<SiuBooking.Resource> general = new ArrayList<>();
        for (SIU_S12_RESOURCES r : siu.getRESOURCESAll()) {
            for (var p : r.getPERSONNEL_RESOURCEAll()) {
                for (XCN x : p.getAIP().getAip3_PersonnelResourceID()) {
                    addIfPresent(staff, x.getXcn1_IDNumber().getValue(), personName(x));
                }
            }
            for (var l : r.getLOCATION_RESOURCEAll()) {
                for (PL pl : l.getAIL().getAil3_LocationResourceID()) {
                    addIfPresent(locations, pl.getPl1_PointOfCare().getValue(), pl.getPl9_LocationDescription().getValue());
                }
            }
            for (var g : r.getGENERAL_RESOURCEAll()) {
                CE ce = g.getAIG().getAig3_ResourceID();
                addIfPresent(general, ce.getCe1_Identifier().getValue(), ce.getCe2_Text().getValue());
            }
        }
        int minutes = (int) Duration.between(timing[0], timing[1]).toMinutes();
        return new SiuBooking(source, blankToNull(msh.getMsh10_MessageControlID().getValue()), trigger, version,
                bookingId, fillerId, status, timing[0], timing[1], minutes, caseName, timeType,
                blankToNull(type8.getCe2_Text().getValue()), fillerStatus, comment, patient, protections,
                staff, locations, general, phone);
    }

    /** PID-13: a cellular phone (XTN-3 CP) first, else the first number; XTN-12 unformatted, else XTN-1. */
    private static String phone(ca.uhn.hl7v2.model.v25.datatype.XTN[] numbers) {
        String first = null;
        for (var x : numbers) {
            String n = blankToNull(x.getXtn12_UnformattedTelephoneNumber().getValue());
            n = n != null ? n : blankToNull(x.getXtn1_TelephoneNumber().getValue());
            if (n != null && "CP".equals(x.getXtn3_TelecommunicationEquipmentType().getValue())) {
                return n;
            }
            first = first != null ? first : n;
        }
        return first;
    }

    /** SCH-11 (TQ.4 start, TQ.5 end) first, TQ1-7/8 as the v2.5 alternative; end may come from SCH-9/10. */
    private static Instant[] timing(SIU_S12 siu, SCH sch) throws HL7Exception, InvalidBookingException {
        String start = null;
        String end = null;
        if (sch.getSch11_AppointmentTimingQuantityReps() > 0) {
            TQ tq = sch.getSch11_AppointmentTimingQuantity(0);
            start = blankToNull(tq.getStartDateTime().getTs1_Time().getValue());
            end = blankToNull(tq.getEndDateTime().getTs1_Time().getValue());
        }
        if (start == null && siu.getTQ1Reps() > 0) {
            start = blankToNull(siu.getTQ1().getTq17_StartDateTime().getTs1_Time().getValue());
            end = blankToNull(siu.getTQ1().getTq18_EndDateTime().getTs1_Time().getValue());
        }
        Instant from = time(start, "SCH-11", "start time (TQ.4)");
        Instant to;
        if (end != null) {
            to = time(end, "SCH-11", "end time (TQ.5)");
        } else {
            String duration = blankToNull(sch.getSch9_AppointmentDuration().getValue());
            if (duration == null) {
                throw new InvalidBookingException("SCH-11/SCH-9: missing end time or duration", ErrorCode.REQUIRED_FIELD_MISSING);
            }
            to = from.plus(duration(duration, sch.getSch10_AppointmentDurationUnits().getCe1_Identifier().getValue()));
        }
        if (!to.isAfter(from)) {
            throw new InvalidBookingException("SCH-11: end time is not after start time", ErrorCode.DATA_TYPE_ERROR);
        }
        return new Instant[] {from, to};
    }

    private static Duration duration(String amount, String unit) throws InvalidBookingException {
        long n;
        try {
            n = Math.round(Double.parseDouble(amount));
        } catch (NumberFormatException e) {
            throw new InvalidBookingException("SCH-9: duration is not a number", ErrorCode.DATA_TYPE_ERROR);
        }
        String u = val(unit).toLowerCase(Locale.ROOT);
        if (u.isEmpty() || u.startsWith("min")) {
            return Duration.ofMinutes(n);
        }
        if (u.equals("h") || u.startsWith("hour") || u.equals("hr")) {
            return Duration.ofHours(n);
        }
        throw new InvalidBookingException("SCH-10: unsupported duration unit " + u, ErrorCode.DATA_TYPE_ERROR);
    }

    /** First PID-3 repetition with a national OID; otherwise the first one, classified by its value. */
    private static PatientIdentity patient(CX[] ids) throws InvalidBookingException {
        CX chosen = null;
        for (CX cx : ids) {
            if (val(cx.getCx1_IDNumber().getValue()).isEmpty()) {
                continue;
            }
            String oid = val(cx.getCx4_AssigningAuthority().getHd2_UniversalID().getValue());
            if (oid.endsWith(Fhir.PERSONNUMMER_OID) || oid.endsWith(Fhir.SAMORDNINGSNUMMER_OID) || oid.endsWith(Fhir.RESERVNUMMER_OID)) {
                chosen = cx;
                break;
            }
            if (chosen == null) {
                chosen = cx;
            }
        }
        if (chosen == null) {
            throw new InvalidBookingException("PID-3: patient identifier missing", ErrorCode.REQUIRED_FIELD_MISSING);
        }
        try {
            return PatientIdentity.classify(chosen.getCx1_IDNumber().getValue(),
                    chosen.getCx4_AssigningAuthority().getHd2_UniversalID().getValue());
        } catch (PatientIdentity.InvalidIdentityException e) {
            throw new InvalidBookingException("PID-3: " + e.getMessage(), ErrorCode.DATA_TYPE_ERROR);
        }
    }

    /** PD1-12 'Y' is sekretessmarkering; PD1-11 SPJ/SKF/SEK (other publicity codes carry no restriction here). */
    private static Set<Protection> protections(PD1 pd1) {
        Set<Protection> set = EnumSet.noneOf(Protection.class);
        if ("Y".equalsIgnoreCase(val(pd1.getPd112_ProtectionIndicator().getValue()))) {
            set.add(Protection.SEKRETESSMARKERING);
        }
        switch (val(pd1.getPd111_PublicityCode().getCe1_Identifier().getValue()).toUpperCase(Locale.ROOT)) {
            case "SEK" -> set.add(Protection.SEKRETESSMARKERING);
            case "SKF" -> set.add(Protection.SKYDDAD_FOLKBOKFORING);
            case "SPJ" -> set.add(Protection.SPARRAD_JOURNAL);
            default -> { }
        }
        return set;
    }

    private static Instant time(String dtm, String field, String what) throws InvalidBookingException {
        if (dtm == null || dtm.isBlank()) {
            throw new InvalidBookingException(field + ": " + what + " missing", ErrorCode.REQUIRED_FIELD_MISSING);
        }
        try {
            return Hl7Time.parse(dtm);
        } catch (DateTimeException e) {
            throw new InvalidBookingException(field + ": " + what + " is not a valid date/time", ErrorCode.DATA_TYPE_ERROR);
        }
    }

    private static String personName(XCN x) {
        String name = (val(x.getXcn3_GivenName().getValue()) + " " + val(x.getXcn2_FamilyName().getFn1_Surname().getValue())).strip();
        return name.isEmpty() ? null : name;
    }

    private static void addIfPresent(List<SiuBooking.Resource> list, String id, String display) {
        if (id != null && !id.isBlank()) {
            list.add(new SiuBooking.Resource(id.strip(), blankToNull(display)));
        }
    }

    private static String text(CE ce) {
        String t = blankToNull(ce.getCe2_Text().getValue());
        return t != null ? t : blankToNull(ce.getCe1_Identifier().getValue());
    }

    private static String required(String value, String reason) throws InvalidBookingException {
        String v = blankToNull(value);
        if (v == null) {
            throw new InvalidBookingException(reason, ErrorCode.REQUIRED_FIELD_MISSING);
        }
        return v;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static String val(String s) {
        return s == null ? "" : s.strip();
    }
}
