package se.vardnav.resync;

import org.apache.camel.Exchange;
import org.apache.camel.ExchangePattern;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.mllp.MllpAcknowledgementReceiveException;
import org.apache.camel.component.mllp.MllpAcknowledgementTimeoutException;
import org.apache.camel.component.mllp.MllpConstants;
import org.apache.camel.component.mllp.MllpInvalidAcknowledgementException;
import org.apache.camel.component.mllp.MllpNegativeAcknowledgementException;
import org.apache.camel.component.mllp.MllpWriteException;
import se.vardnav.identity.PatientIdentity;
import se.vardnav.journal.Hl7TextDecoder;
import se.vardnav.journal.mllp.OutboundTlsFailure;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The journal system's bookings of one patient over HL7 v2.5 (for a journal that offers SQM^S25 rather than RIV-TA):
 * the query goes through route journal-schedule-query (routes/visits.yaml: the camel-mllp producer) to the journal's MLLP
 * listener and the answer (SQR^S25, which camel-mllp reads as the query's acknowledgement) is read by
 * {@link Hl7ScheduleMessages}. What failed decides the answer's
 * status: AE/AR or an answer the hub cannot use 502, no connection 503, no answer in time (or the connection dropped
 * before one) 504. Reasons carry the journal's MSA-3 text, never the query or answer.
 */
public class Hl7Schedule implements JournalSchedule {
    private final ProducerTemplate producer;
    private final String route;
    private final Hl7ScheduleMessages messages;
    private final Hl7TextDecoder decoder = new Hl7TextDecoder(Map.of());
    private final Clock clock;

    /** @param route the direct: endpoint of route journal-schedule-query */
    public Hl7Schedule(ProducerTemplate producer, String route, Hl7ScheduleMessages messages, Clock clock) {
        this.producer = producer;
        this.route = route;
        this.messages = messages;
        this.clock = clock;
    }

    @Override
    public List<ScheduledBooking> bookingsOf(String unitHsaId, PatientIdentity patient) {
        String controlId = controlId();
        String query = messages.query(controlId, patient, unitHsaId, clock.instant());
        Exchange done = send(query);
        if (lostOnAKeptConnection(done.getException())) {
            // camel-mllp reconnected once and failed again, but reports the first failure (the kept-open connection's):
            // a query changes nothing, so it is sent once more on a fresh connection, whose failure says why (e.g. TLS)
            done = send(query);
        }
        if (done.getException() != null) {
            throw failure(done.getException());
        }
        byte[] answer = done.getMessage().getHeader(MllpConstants.MLLP_ACKNOWLEDGEMENT, byte[].class);
        if (answer == null || answer.length == 0) {
            throw Hl7ScheduleMessages.refused("no answer to the query");
        }
        if (decoder.decode(answer) instanceof Hl7TextDecoder.Text text) {
            return messages.read(text.text(), controlId, patient);
        }
        throw Hl7ScheduleMessages.refused("the answer is not text in its declared character set (MSH-18)");
    }

    private Exchange send(String query) {
        return producer.send(route, ExchangePattern.InOut, e -> e.getMessage().setBody(query.getBytes(StandardCharsets.UTF_8)));
    }

    private static boolean lostOnAKeptConnection(Exception e) {
        return e != null && find(e, MllpWriteException.class) != null && OutboundTlsFailure.of(e).isEmpty();
    }

    /** 20 characters, new for every query: the answer's MSA-2 must name it. */
    static String controlId() {
        return "VNQ" + Long.toString(System.currentTimeMillis(), 36).toUpperCase() + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36).toUpperCase();
    }

    private static ScheduleUnavailableException failure(Exception e) {
        MllpNegativeAcknowledgementException nak = find(e, MllpNegativeAcknowledgementException.class);
        if (nak != null) {
            return Hl7ScheduleMessages.refused("answered " + nak.getAcknowledgmentType() + " to SQM^S25: " + msaText(nak.getHl7AcknowledgementBytes()));
        }
        if (find(e, MllpInvalidAcknowledgementException.class) != null) {
            return Hl7ScheduleMessages.refused("the answer has no MSA segment the hub can read");
        }
        String tls = OutboundTlsFailure.of(e).orElse(null);
        if (tls != null) {
            return new ScheduleUnavailableException(ScheduleUnavailableException.UNREACHABLE,
                    "the journal system's MLLP listener could not be reached for SQM^S25 (" + tls + ")");
        }
        MllpAcknowledgementReceiveException dropped = find(e, MllpAcknowledgementReceiveException.class);
        if (dropped != null && String.valueOf(dropped.getMessage()).contains("attempting to reconnect")) {
            // the kept-open connection was gone and a new one was refused (camel-mllp says so only in its message)
            return new ScheduleUnavailableException(ScheduleUnavailableException.UNREACHABLE,
                    "the journal system's MLLP listener could not be reached for SQM^S25 (connection lost, reconnect refused)");
        }
        if (find(e, MllpAcknowledgementTimeoutException.class) != null || dropped != null) {
            return new ScheduleUnavailableException(ScheduleUnavailableException.TIMED_OUT,
                    "the journal system did not answer SQM^S25 in time (" + e.getClass().getSimpleName() + ")");
        }
        return new ScheduleUnavailableException(ScheduleUnavailableException.UNREACHABLE,
                "the journal system's MLLP listener could not be reached for SQM^S25 (" + e.getClass().getSimpleName() + ")");
    }

    private static <T extends Throwable> T find(Throwable t, Class<T> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return type.cast(c);
            }
        }
        return null;
    }

    /** MSA-3 of the journal's answer, cut; never more of it. */
    private static String msaText(byte[] ack) {
        if (ack != null) {
            for (String segment : new String(ack, StandardCharsets.UTF_8).split("[\r\n]+")) {
                if (segment.startsWith("MSA")) {
                    String[] fields = segment.split("\\|", -1);
                    String text = fields.length > 3 ? fields[3] : "";
                    if (!text.isBlank()) {
                        return text.length() > 200 ? text.substring(0, 200) : text;
                    }
                }
            }
        }
        return "(no reason given)";
    }
}
