package se.vardnav.visit;

import org.apache.camel.component.mllp.MllpNegativeAcknowledgementException;
import se.vardnav.journal.mllp.OutboundTlsFailure;

/**
 * Reads why a visit message did not reach the journal system (route visit-journal-delivery sends it with the
 * camel-mllp producer, which passes AA/CA and fails on anything else): AE/CE {@link JournalRejectedException}
 * (dead-letter queue, replayable); AR, no ACK in time or no connection {@link JournalUnavailableException} (retried
 * with backoff, the visit's later messages waiting behind); a TLS failure says which certificate to put right. Reasons carry the journal's MSA-3 text (cut), never the message.
 */
public class JournalVisitSender {
    private static final int MAX_REASON = 200;

    /** Always throws: the failure as the error handler should treat it. */
    public void failed(Exception failure, String kind) throws JournalRejectedException, JournalUnavailableException {
        MllpNegativeAcknowledgementException nak = find(failure);
        String text = nak == null ? null : msaText(nak.getHl7AcknowledgementBytes());
        if (nak != null && ("AE".equals(nak.getAcknowledgmentType()) || "CE".equals(nak.getAcknowledgmentType()))) {
            throw new JournalRejectedException("journal system answered " + nak.getAcknowledgmentType() + " to " + kind + ": " + cut(text));
        }
        if (nak != null) {
            throw new JournalUnavailableException("journal system answered " + nak.getAcknowledgmentType() + " to " + kind + ": " + cut(text), null);
        }
        String tls = OutboundTlsFailure.of(failure).orElse(null);
        if (tls != null) {
            // retried like no connection: the message waits until the certificates are put right
            throw new JournalUnavailableException("journal system not reached for " + kind + ": " + tls, null);
        }
        throw new JournalUnavailableException("journal system not reached for " + kind + ": " + failure.getClass().getSimpleName(), null);
    }

    private static MllpNegativeAcknowledgementException find(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof MllpNegativeAcknowledgementException n) {
                return n;
            }
        }
        return null;
    }

    /** MSA-3 (text message) of the ACK, if it has one. */
    static String msaText(byte[] ack) {
        if (ack == null) {
            return null;
        }
        for (String segment : new String(ack, java.nio.charset.StandardCharsets.UTF_8).split("[\r\n]+")) {
            if (segment.startsWith("MSA")) {
                String[] fields = segment.split("\\|", -1);
                return fields.length > 3 ? fields[3] : null;
            }
        }
        return null;
    }

    private static String cut(String text) {
        if (text == null || text.isBlank()) {
            return "(no reason given)";
        }
        return text.length() > MAX_REASON ? text.substring(0, MAX_REASON) : text;
    }
}
