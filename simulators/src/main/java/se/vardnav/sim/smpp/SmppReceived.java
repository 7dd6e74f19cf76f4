package se.vardnav.sim.smpp;

import java.time.Instant;
import java.util.List;

/**
 * One message the simulated SMSC accepted, reassembled if it came in several submit_sm.
 *
 * @param messageIds one SMSC message id per submit_sm, in segment order
 * @param dataCoding the submit_sm data_coding byte (0 default alphabet, 8 UCS-2, ...)
 */
public record SmppReceived(List<String> messageIds, String from, String to, String text,
                           int dataCoding, int segments, Instant receivedAt) {
    public SmppReceived {
        messageIds = List.copyOf(messageIds);
    }
}
