package se.vardnav.sim.journal;

import riv.crm.scheduling._1.TimeslotType;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * The journal system's side of "Uppdatera nu" over HL7 v2.5 (profile: connectors/journal-hl7/README.md, "Resync over
 * HL7"): checks an SQM^S25 against the profile and answers SQR^S25 with the patient's bookings at the asked unit, from
 * the same schedule {@link ScheduleSimulator} serves over RIV-TA, so one scenario runs over both protocols. A query
 * outside the profile gets SQR^S25 with MSA AE and the reason, as a journal would.
 */
public final class ScheduleQueries {
    private static final Set<String> NATIONAL_OIDS = Set.of("1.2.752.129.2.1.3.1", "1.2.752.129.2.1.3.3", "1.2.752.74.9.1");
    private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");
    private final BiFunction<String, String, List<TimeslotType>> schedule;

    /** @param schedule (unit HSA-id, patient number) to the bookings the journal has */
    public ScheduleQueries(BiFunction<String, String, List<TimeslotType>> schedule) {
        this.schedule = schedule;
    }

    public static boolean isQuery(String er7) {
        String[] type = JournalReceiver.field(er7, 9).split("\\^");
        return type.length > 1 && "SQM".equals(type[0]) && "S25".equals(type[1]);
    }

    /** The answer to a query: the schedule when it follows the profile, else AE with what is wrong. */
    public String answer(String query) {
        String controlId = JournalReceiver.field(query, 10);
        String[] qrd = segment(query, "QRD");
        String[] qrf = segment(query, "QRF");
        String problem = problem(controlId, qrd, qrf);
        if (problem != null) {
            return refusal(query, "AE", problem);
        }
        String[] who = qrd[8].split("\\^", -1);
        String patient = who[0];
        String oid = who.length > 8 ? who[8].split("&", -1).length > 1 ? who[8].split("&", -1)[1] : "" : "";
        List<TimeslotType> bookings = schedule.apply(qrf[1].split("~")[0], patient);
        StringBuilder sqr = new StringBuilder(header(query, controlId)).append("MSA|AA|").append(controlId).append('\r')
                .append("QAK|").append(qrd[4]).append('|').append(bookings.isEmpty() ? "NF" : "OK").append("|SQM^S25|")
                .append(bookings.size()).append('|').append(bookings.size()).append("|0\r");
        for (TimeslotType t : bookings) {
            LocalDateTime start = LocalDateTime.parse(t.getStartTimeInclusive(), TS);
            LocalDateTime end = LocalDateTime.parse(t.getEndTimeExclusive(), TS);
            sqr.append("SCH|").append(esc(t.getBookingId())).append("|||||||").append(esc(t.getTimeTypeID())).append('^').append(esc(t.getTimeTypeName()))
                    .append('|').append(java.time.Duration.between(start, end).toMinutes()).append("|min|^^^").append(t.getStartTimeInclusive())
                    .append('^').append(t.getEndTimeExclusive()).append("||||||||||||||Booked\r");
            sqr.append("PID|1||").append(esc(patient)).append("^^^&").append(oid).append("&ISO^NNSWE\r");
            sqr.append("RGS|1|A\r");
            if (t.getPerformer() != null) {
                sqr.append("AIP|1|A|").append(esc(t.getPerformer())).append('^').append(esc(t.getPerformerName())).append('\r');
            }
            if (t.getHealthcareFacility() != null) {
                sqr.append("AIL|1|A|").append(esc(t.getHealthcareFacility())).append("^^^^^^^^").append(esc(t.getHealthcareFacilityName())).append('\r');
            }
        }
        return sqr.toString();
    }

    /** An answer with {@code code} (AE, AR) and the reason in MSA-3 and ERR-8, as a journal refuses a query. */
    public static String refusal(String query, String code, String reason) {
        String controlId = JournalReceiver.field(query, 10);
        String[] qrd = segment(query, "QRD");
        return header(query, controlId) + "MSA|" + code + "|" + controlId + "|" + esc(reason) + "\r"
                + "ERR|||207^Application internal error^HL70357|E||||" + esc(reason) + "\r"
                + "QAK|" + (qrd == null || qrd.length < 5 ? "" : qrd[4]) + "|" + code + "\r";
    }

    private static String problem(String controlId, String[] qrd, String[] qrf) {
        if (controlId.isBlank()) {
            return "MSH-10: message control id missing";
        }
        if (qrd == null) {
            return "QRD segment missing";
        }
        if (qrd.length < 5 || qrd[4].isBlank()) {
            return "QRD-4: query id missing";
        }
        if (qrd.length < 9 || qrd[8].split("\\^", -1)[0].isBlank()) {
            return "QRD-8: the patient's identifier (XCN.1) missing";
        }
        String[] who = qrd[8].split("\\^", -1);
        String[] authority = who.length > 8 ? who[8].split("&", -1) : new String[0];
        if (authority.length < 2 || !NATIONAL_OIDS.contains(authority[1])) {
            return "QRD-8.9: assigning authority must be a national identifier OID";
        }
        if (qrd.length < 10 || !"APM".equals(qrd[9].split("\\^")[0])) {
            return "QRD-9: what subject filter must be APM";
        }
        if (qrf == null || qrf.length < 2 || qrf[1].isBlank()) {
            return "QRF-1: the unit (HSA-id) missing";
        }
        return null;
    }

    private static String header(String query, String controlId) {
        return "MSH|^~\\&|" + first(JournalReceiver.field(query, 5), "JOURNAL") + "|" + first(JournalReceiver.field(query, 6), "REGION") + "|"
                + JournalReceiver.field(query, 3) + "|" + JournalReceiver.field(query, 4) + "|"
                + LocalDateTime.now().format(TS) + "||SQR^S25^SQR_S25|R" + controlId + "|P|2.5||||||UNICODE UTF-8\r";
    }

    private static String first(String value, String otherwise) {
        return value == null || value.isBlank() ? otherwise : value.split("\\^")[0];
    }

    private static String[] segment(String er7, String name) {
        for (String s : er7.split("[\r\n]+")) {
            if (s.startsWith(name + "|")) {
                return s.split("\\|", -1);
            }
        }
        return null;
    }

    /** HL7 escapes for the delimiters (names may hold them). */
    private static String esc(String s) {
        if (s == null) {
            return "";
        }
        return s.replace("\\", "\\E\\").replace("|", "\\F\\").replace("^", "\\S\\").replace("&", "\\T\\").replace("~", "\\R\\");
    }
}
