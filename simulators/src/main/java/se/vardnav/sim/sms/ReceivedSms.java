package se.vardnav.sim.sms;

import java.time.Instant;

/**
 * One message the simulator accepted. {@code id} is the simulator's own (46elks answers it; for Kannel
 * it is only for {@link HttpSmsGatewaySimulator#reportNow}); {@code coding} and {@code charset} are
 * Kannel's parameters (null for 46elks); {@code reportUrl} is {@code whendelivered} or the raw {@code dlr-url};
 * {@code dlrMask} the report types Kannel was asked for (null for 46elks).
 */
public record ReceivedSms(String id, Protocol protocol, String from, String to, String text,
                          Integer coding, String charset, String reportUrl, Instant receivedAt, Integer dlrMask) {
    public enum Protocol { ELKS, KANNEL }

    public ReceivedSms(String id, Protocol protocol, String from, String to, String text,
                       Integer coding, String charset, String reportUrl, Instant receivedAt) {
        this(id, protocol, from, to, text, coding, charset, reportUrl, receivedAt, null);
    }

    /** Without number and text, in case a test logs it. */
    @Override
    public String toString() {
        return "ReceivedSms[id=" + id + ", protocol=" + protocol + ", receivedAt=" + receivedAt + "]";
    }
}
