package se.vardnav.audit;

import java.io.IOException;
import java.io.Writer;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** The audit log as CSV for a follow-up (semicolon-separated, as Swedish Excel opens it; times in the region's zone). */
final class AuditCsv {
    static final String HEADER = "tid;användare;roll;åtgärd;patient (skyddad);avser;från adress;ändamål";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private AuditCsv() {
    }

    static void write(Writer out, List<AuditTrail.Entry> entries, ZoneId zone) throws IOException {
        out.write('\uFEFF'); // a byte order mark, so that Excel reads å, ä, ö as UTF-8
        out.write(HEADER + "\r\n");
        for (AuditTrail.Entry e : entries) {
            out.write(String.join(";", TIME.format(e.at().atZone(zone)), field(e.userId()), field(e.userRole()),
                    e.action(), field(e.patientKey()), field(e.target()), field(e.remoteAddress()), field(e.purpose())));
            out.write("\r\n");
        }
        out.flush();
    }

    /** Quoted when needed; a leading =, +, - or @ is neutralised so that a spreadsheet does not run it as a formula. */
    static String field(String value) {
        if (value == null) {
            return "";
        }
        String v = !value.isEmpty() && "=+-@".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        return v.contains(";") || v.contains("\"") || v.contains("\n") || v.contains("\r") ? "\"" + v.replace("\"", "\"\"") + "\"" : v;
    }
}
