package se.vardnav.sim.journal;

import se.vardnav.fhir.Fhir;
import se.vardnav.identity.IdentityKind;
import se.vardnav.identity.Personnummer;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Builds SIU messages as a journal system sends them (profile: connectors/journal-hl7/README.md), as ER7
 * with '\r' between segments. Fields left unset are left empty, so tests can build invalid messages too.
 */
public final class SiuMessages {
    private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");
    private static final AtomicLong SEQ = new AtomicLong();

    private final String trigger;
    private String sendingApp = "TAKECARE";
    private String sendingFacility = "SLL";
    private String controlId;
    private LocalDateTime messageTime;
    private String bookingId;
    private String fillerId;
    private LocalDateTime start;
    private LocalDateTime end;
    private Integer minutes;
    private boolean endInTiming = true;
    private String timeTypeCode;
    private String timeTypeText;
    private String caseName;
    private String fillerStatus;
    private String comment;
    private String patientId;
    private String patientOid;
    private boolean patientOidSet;
    private String patientFamily;
    private String patientGiven;
    private boolean protectedIndicator;
    private String publicity;
    private String patientPhone;
    private String characterSet = "UNICODE UTF-8";
    private final List<String[]> staff = new ArrayList<>();
    private final List<String[]> units = new ArrayList<>();
    private final List<String[]> resources = new ArrayList<>();

    private SiuMessages(String trigger) {
        this.trigger = trigger;
    }

    /** New booking. */
    public static SiuMessages s12() { return trigger("S12"); }
    /** Rescheduled. */
    public static SiuMessages s13() { return trigger("S13"); }
    /** Modified (e.g. SCH-25 Started = patient arrived). */
    public static SiuMessages s14() { return trigger("S14"); }
    /** Cancelled. */
    public static SiuMessages s15() { return trigger("S15"); }
    /** Deleted. */
    public static SiuMessages s17() { return trigger("S17"); }
    /** No-show. */
    public static SiuMessages s26() { return trigger("S26"); }

    /** Any trigger, including unsupported ones for negative tests. */
    public static SiuMessages trigger(String trigger) {
        return new SiuMessages(trigger);
    }

    public SiuMessages sendingApplication(String app) { this.sendingApp = app; return this; }
    public SiuMessages sendingFacility(String facility) { this.sendingFacility = facility; return this; }
    public SiuMessages controlId(String id) { this.controlId = id; return this; }
    public SiuMessages messageTime(LocalDateTime time) { this.messageTime = time; return this; }
    public SiuMessages bookingId(String id) { this.bookingId = id; return this; }
    public SiuMessages fillerId(String id) { this.fillerId = id; return this; }
    public SiuMessages start(LocalDateTime start) { this.start = start; return this; }
    /** Explicit SCH-11.5; otherwise it is start + minutes. */
    public SiuMessages end(LocalDateTime end) { this.end = end; return this; }
    /** SCH-9 duration with SCH-10 "min". */
    public SiuMessages minutes(Integer minutes) { this.minutes = minutes; return this; }
    /** false: leave SCH-11.5 empty so that the receiver must use SCH-9. */
    public SiuMessages endInTiming(boolean include) { this.endInTiming = include; return this; }
    public SiuMessages timeType(String code, String text) { this.timeTypeCode = code; this.timeTypeText = text; return this; }
    public SiuMessages caseName(String name) { this.caseName = name; return this; }
    public SiuMessages fillerStatus(String status) { this.fillerStatus = status; return this; }
    public SiuMessages comment(String comment) { this.comment = comment; return this; }
    /** MSH-18 (default UNICODE UTF-8); null leaves it empty. The bytes are the sender's business (String.getBytes). */
    public SiuMessages characterSet(String msh18) { this.characterSet = msh18; return this; }

    /** PID-3 with the OID of the number's kind when it is a valid personnummer/samordningsnummer, else none. */
    public SiuMessages patient(String id) {
        this.patientId = id;
        this.patientOidSet = false;
        return this;
    }

    /** PID-3 with an explicit assigning authority OID (null for none). */
    public SiuMessages patient(String id, String oid) {
        this.patientId = id;
        this.patientOid = oid;
        this.patientOidSet = true;
        return this;
    }

    /** PID-13: the patient's mobile phone, as the journal system has it. */
    public SiuMessages patientMobile(String phone) { this.patientPhone = phone; return this; }

    public SiuMessages patientName(String family, String given) { this.patientFamily = family; this.patientGiven = given; return this; }
    /** PD1-12 = Y. */
    public SiuMessages protectedIndicator(boolean on) { this.protectedIndicator = on; return this; }
    /** PD1-11 publicity code: SPJ, SKF or SEK. */
    public SiuMessages publicity(String code) { this.publicity = code; return this; }
    /** AIP-3: staff HSA-id and display name (family name component). */
    public SiuMessages staff(String hsaId, String name) { staff.add(new String[] {hsaId, name}); return this; }
    /** AIL-3.1 point of care: the unit's HSA-id. */
    public SiuMessages unit(String hsaId) { return unit(hsaId, null); }
    public SiuMessages unit(String hsaId, String name) { units.add(new String[] {hsaId, name}); return this; }
    /** AIG-3: a general resource such as a video room. */
    public SiuMessages resource(String code, String text) { resources.add(new String[] {code, text}); return this; }

    public String build() {
        // the journal writes Swedish local time without an offset (the hub reads it so: Hl7Time)
        LocalDateTime msgTime = messageTime != null ? messageTime : LocalDateTime.now(java.time.ZoneId.of("Europe/Stockholm"));
        String ctrl = controlId != null ? controlId : "SIM" + System.currentTimeMillis() + "-" + SEQ.incrementAndGet();
        List<String> seg = new ArrayList<>();
        seg.add("MSH|^~\\&|" + e(sendingApp) + "|" + e(sendingFacility) + "|VARDNAV|REGION|" + TS.format(msgTime)
                + "||SIU^" + trigger + "^SIU_S12|" + e(ctrl) + "|P|2.5|||||SWE|" + (characterSet == null ? "" : characterSet));
        LocalDateTime stop = end != null ? end : (start != null && minutes != null ? start.plusMinutes(minutes) : null);
        String timing = "^^^" + ts(start) + (endInTiming && stop != null ? "^" + TS.format(stop) : "");
        seg.add("SCH|" + ei(bookingId) + "|" + ei(fillerId) + "|||||" + ce(null, caseName) + "|" + ce(timeTypeCode, timeTypeText)
                + "|" + (minutes == null ? "" : minutes) + "|" + (minutes == null ? "" : "min") + "|" + timing
                + "||||||||||||||" + ce(fillerStatus, null));
        if (comment != null) {
            seg.add("NTE|1||" + e(comment));
        }
        if (patientId != null) {
            String oid = patientOidSet ? patientOid : guessOid(patientId);
            String name = patientFamily == null ? "" : e(patientFamily) + "^" + e(patientGiven);
            seg.add("PID|1||" + e(patientId) + "^^^" + (oid == null ? "" : "&" + oid + "&ISO") + "^NNSWE||" + name
                    + (patientPhone == null ? "" : "||||||||" + e(patientPhone) + "^PRN^CP"));
            if (protectedIndicator || publicity != null) {
                seg.add("PD1" + "|".repeat(11) + (publicity == null ? "" : e(publicity)) + "|" + (protectedIndicator ? "Y" : "N"));
            }
        }
        seg.add("RGS|1|A");
        for (String[] r : resources) {
            seg.add("AIG|1|A|" + ce(r[0], r[1]));
        }
        for (String[] u : units) {
            seg.add("AIL|1|A|" + e(u[0]) + "^^^^^^^^" + e(u[1]));
        }
        for (String[] s : staff) {
            seg.add("AIP|1|A|" + e(s[0]) + "^" + e(s[1]));
        }
        return String.join("\r", seg) + "\r";
    }

    private static String guessOid(String id) {
        return Personnummer.parse(id).map(p -> p.kind() == IdentityKind.SAMORDNINGSNUMMER
                ? Fhir.SAMORDNINGSNUMMER_OID : Fhir.PERSONNUMMER_OID).orElse(null);
    }

    private static String ts(LocalDateTime t) {
        return t == null ? "" : TS.format(t);
    }

    private static String ei(String id) {
        return id == null ? "" : e(id);
    }

    private static String ce(String code, String text) {
        if (code == null && text == null) {
            return "";
        }
        return e(code) + (text == null ? "" : "^" + e(text));
    }

    /** ER7 escaping of the delimiters, so that free text cannot break the structure. */
    private static String e(String s) {
        if (s == null) {
            return "";
        }
        return s.replace("\\", "\\E\\").replace("|", "\\F\\").replace("^", "\\S\\")
                .replace("&", "\\T\\").replace("~", "\\R\\").replace("\r", " ").replace("\n", " ");
    }
}
