package se.vardnav.visit;

import se.vardnav.broker.HubHeaders;

import java.util.HashMap;
import java.util.Map;

/** Message headers of the visit flow: one visit's messages are one JMS group, in order. */
public final class VisitGroups {
    private VisitGroups() {}

    private static final String VISIT_ID = HubHeaders.VISIT_ID;
    private static final String VERSION = HubHeaders.VISIT_VERSION;
    private static final String JOURNAL_EVENT = HubHeaders.JOURNAL_EVENT;

    /** Group and duplicate id of a visit event: the broker drops a resend of the same version. */
    public static Map<String, Object> of(String visitId, long version) {
        Map<String, Object> headers = new HashMap<>();
        headers.put(HubHeaders.GROUP, group(visitId));
        headers.put(VISIT_ID, visitId);
        headers.put(VERSION, version);
        headers.put(HubHeaders.DUPLICATE_ID, group(visitId) + "|" + version);
        return headers;
    }

    public static String group(String visitId) {
        return "visit|" + visitId;
    }
}
