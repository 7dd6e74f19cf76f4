package se.vardnav.support;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The hub with small limits, so that tests reach them cheaply: 64 KiB MLLP messages, 4 MLLP connections (2 per
 * address), an 8 s idle timeout, 3 MB letter bodies, and a sender (LATIN1SYS) whose messages are ISO-8859-1
 * when MSH-18 is empty. A context of its own beside HubTestBase's.
 */
public abstract class SmallLimitsTestBase extends HubTestBase {
    public static final int MESSAGE_LIMIT = 64 * 1024;
    public static final int MAX_CONNECTIONS = 4;
    public static final int MAX_PER_PEER = 2;
    public static final int LETTER_LIMIT = 3 * 1024 * 1024;

    @DynamicPropertySource
    static void smallLimits(DynamicPropertyRegistry r) {
        r.add("vardnav.journal.mllp.max-message-size", () -> MESSAGE_LIMIT + "B");
        r.add("vardnav.journal.mllp.max-connections", () -> MAX_CONNECTIONS);
        r.add("vardnav.journal.mllp.max-connections-per-peer", () -> MAX_PER_PEER);
        r.add("vardnav.journal.mllp.idle-timeout", () -> "8s");
        r.add("vardnav.journal.mllp.receive-timeout", () -> "250ms");
        r.add("vardnav.journal.mllp.read-timeout", () -> "2s");
        r.add("vardnav.journal.mllp.charset-by-sender.LATIN1SYS", () -> "8859/1");
        r.add("vardnav.http.body-limits.letters", () -> LETTER_LIMIT + "B");
    }
}
