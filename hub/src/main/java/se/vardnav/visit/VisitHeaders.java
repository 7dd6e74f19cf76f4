package se.vardnav.visit;

import se.vardnav.booking.BookingHeaders;

import java.util.HashMap;
import java.util.Map;

/** Message headers of the visit flow: one visit's messages are one JMS group, in order. */
public final class VisitHeaders {
    private VisitHeaders() {}

    public static final String VISIT_ID = "vardnavVisitId";
    public static final String VERSION = "vardnavVisitVersion";
    /** The journal message's kind (A04, A03, A08, T02), for the dead-letter view and the sender. */
    public static final String JOURNAL_EVENT = "vardnavJournalEvent";

    /** Group and duplicate id of a visit event: the broker drops a resend of the same version. */
    public static Map<String, Object> of(String visitId, long version) {
        Map<String, Object> headers = new HashMap<>();
        headers.put(BookingHeaders.GROUP, group(visitId));
        headers.put(VISIT_ID, visitId);
        headers.put(VERSION, version);
        headers.put(BookingHeaders.DUPLICATE_ID, group(visitId) + "|" + version);
        return headers;
    }

    public static String group(String visitId) {
        return "visit|" + visitId;
    }
}
