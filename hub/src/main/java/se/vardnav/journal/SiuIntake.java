package se.vardnav.journal;

import se.vardnav.broker.HubHeaders;
import ca.uhn.fhir.context.FhirContext;
import ca.uhn.hl7v2.ErrorCode;
import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.model.Message;
import org.apache.camel.Exchange;
import org.hl7.fhir.r4.model.Appointment;
import se.vardnav.booking.AppointmentMapper;
import se.vardnav.booking.BookingEnvelope;
import se.vardnav.booking.BookingVersions;
import se.vardnav.booking.ClosedCaseRule;
import se.vardnav.booking.Hl7ParseErrors;
import se.vardnav.booking.InvalidBookingException;
import se.vardnav.booking.SiuBooking;
import se.vardnav.booking.SiuParser;
import se.vardnav.booking.TextLimits;
import se.vardnav.deadletter.DeadLetters;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The journal system's HL7 way in: the bytes of an SIU message become the hub's Appointment event, or are
 * refused with a negative ACK that says why (AR: not HL7 we can read; AE: not text in its character set, or
 * not a valid booking). Reasons name fields, positions and limits, never content. A message over the size
 * limit never gets here: the MLLP edge answers it (journal.mllp).
 */
public class SiuIntake {
    private static final String OUTCOME = HubHeaders.INTAKE_OUTCOME;
    /** The MLLP consumer sends this exchange property back as the acknowledgement (bytes: no charset guessing). */
    static final String MLLP_ACK = org.apache.camel.component.mllp.MllpConstants.MLLP_ACKNOWLEDGEMENT;
    private static final String RAW = "vardnavRawHl7Header";
    private final FhirContext fhir;
    private final SiuParser parser;
    private final DeadLetters deadLetters;
    private final String replayQueue;
    private final BookingVersions versions;
    private final Hl7TextDecoder decoder;
    private final TextLimits textLimits;
    private final ClosedCaseRule closedCases;

    public SiuIntake(FhirContext fhir, SiuParser parser, DeadLetters deadLetters, String replayQueue, BookingVersions versions,
                     Hl7TextDecoder decoder, TextLimits textLimits, ClosedCaseRule closedCases) {
        this.fhir = fhir;
        this.parser = parser;
        this.deadLetters = deadLetters;
        this.replayQueue = replayQueue;
        this.versions = versions;
        this.decoder = decoder;
        this.textLimits = textLimits;
        this.closedCases = closedCases;
    }

    /** The body is the message's bytes (MLLP, or a replayed dead letter), or text (a dead letter kept before bytes were). */
    public void accept(Exchange exchange) {
        Object body = exchange.getMessage().getBody();
        String er7;
        if (body instanceof String text) {
            er7 = text;
            exchange.setProperty(RAW, text);
        } else {
            byte[] bytes = exchange.getMessage().getBody(byte[].class);
            String header = header(bytes);
            exchange.setProperty(RAW, header);
            Hl7TextDecoder.Result decoded = decoder.decode(bytes);
            if (decoded instanceof Hl7TextDecoder.Undecodable u) {
                refuse(exchange, Hl7Acks.error(header, u.reason(), ErrorCode.DATA_TYPE_ERROR), "AE: " + u.reason());
                return;
            }
            er7 = ((Hl7TextDecoder.Text) decoded).text();
        }
        Message message;
        try {
            message = parser.parseMessage(er7);
        } catch (HL7Exception e) {
            String reason = "HL7 message could not be parsed: " + Hl7ParseErrors.reason(e);
            refuse(exchange, Hl7Acks.reject(er7, reason), "AR: " + reason);
            return;
        } catch (RuntimeException e) {
            // HAPI's own faults on odd input carry its text too: the kind of fault only
            String reason = "HL7 message could not be parsed (" + e.getClass().getSimpleName() + ")";
            refuse(exchange, Hl7Acks.reject(er7, reason), "AR: " + reason);
            return;
        }
        try {
            SiuBooking booking = parser.toBooking(message);
            List<String> tooLong = textLimits.problems(booking);
            if (!tooLong.isEmpty()) {
                throw new InvalidBookingException(String.join("; ", tooLong), ErrorCode.DATA_TYPE_ERROR);
            }
            Appointment appointment = AppointmentMapper.toAppointment(booking);
            // refused before it is numbered: nothing of it is kept but the dead letter
            var closed = closedCases.refusal(appointment, "SIU");
            if (closed.isPresent()) {
                throw new InvalidBookingException(closed.get(), ErrorCode.APPLICATION_INTERNAL_ERROR);
            }
            // numbered in the database before the ACK: a resend (same MSH-10) gets the same version
            versions.assign(appointment, booking.controlId(), "MSH-7");
            exchange.getMessage().setHeaders(BookingEnvelope.headers(appointment));
            exchange.getMessage().setBody(BookingEnvelope.body(fhir, appointment));
            exchange.getMessage().setHeader(OUTCOME, "accepted");
            // sent only once the route has put the event on the broker
            exchange.setProperty(MLLP_ACK, bytes(Hl7Acks.accept(message)));
        } catch (InvalidBookingException e) {
            refuse(exchange, Hl7Acks.error(message, e.reason(), e.errorCode()), "AE: " + e.reason());
        }
    }

    /** The event could not be made durable (broker unreachable): AR, so the journal system resends. */
    public void storageFailed(Exchange exchange) {
        exchange.setProperty(MLLP_ACK, bytes(Hl7Acks.reject(exchange.getProperty(RAW, String.class),
                "the hub could not store the message; resend it later", ErrorCode.APPLICATION_INTERNAL_ERROR)));
    }

    private void refuse(Exchange exchange, String ack, String reason) {
        exchange.getMessage().setHeader(OUTCOME, "rejected");
        deadLetters.markRefused(exchange, reason, replayQueue);
        exchange.setProperty(MLLP_ACK, bytes(ack));
    }

    /** ACKs declare MSH-18 UNICODE UTF-8 and are written as such, whatever the platform's default charset. */
    private static byte[] bytes(String ack) {
        return ack.getBytes(StandardCharsets.UTF_8);
    }

    /** The first segment as ISO-8859-1: enough to read MSH-3 … MSH-12 for the ACK, whatever the message's character set. */
    static String header(byte[] bytes) {
        int end = 0;
        while (end < bytes.length && end < 2048 && bytes[end] != '\r' && bytes[end] != '\n') {
            end++;
        }
        return new String(bytes, 0, end, StandardCharsets.ISO_8859_1);
    }
}
