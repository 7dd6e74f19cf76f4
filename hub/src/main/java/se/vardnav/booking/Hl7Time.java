package se.vardnav.booking;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** HL7 v2 DTM ("YYYYMMDDHHMM[SS[.S…]][+/-ZZZZ]") to Instant; times without an offset are Swedish local time. */
public final class Hl7Time {
    /** The journal systems send local time without an offset. */
    public static final ZoneId JOURNAL_ZONE = ZoneId.of("Europe/Stockholm");
    // minutes are the least precision that makes sense for a booking or a message time
    private static final Pattern DTM = Pattern.compile(
            "(\\d{4})(\\d{2})(\\d{2})(\\d{2})(\\d{2})(?:(\\d{2})(?:\\.(\\d{1,4}))?)?([+-]\\d{4})?");

    private Hl7Time() {}

    public static Instant parse(String dtm) {
        Matcher m = DTM.matcher(dtm == null ? "" : dtm.strip());
        if (!m.matches()) {
            throw new DateTimeException("expected YYYYMMDDHHMM[SS][+ZZZZ]");
        }
        String frac = m.group(7) == null ? "0" : (m.group(7) + "000").substring(0, 3);
        LocalDateTime local = LocalDateTime.of(num(m, 1), num(m, 2), num(m, 3), num(m, 4), num(m, 5),
                m.group(6) == null ? 0 : num(m, 6), Integer.parseInt(frac) * 1_000_000);
        ZoneId zone = m.group(8) == null ? JOURNAL_ZONE : ZoneOffset.of(m.group(8));
        return local.atZone(zone).toInstant();
    }

    private static int num(Matcher m, int group) {
        return Integer.parseInt(m.group(group));
    }
}
