package se.vardnav.connector.journal;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.hl7v2.ErrorCode;
import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.model.Message;
import org.apache.camel.Exchange;
import org.hl7.fhir.r4.model.Appointment;
import se.vardnav.booking.AppointmentMapper;
import se.vardnav.booking.BookingEnvelope;
import se.vardnav.booking.BookingVersions;
import se.vardnav.booking.InvalidBookingException;
import se.vardnav.booking.SiuBooking;
import se.vardnav.booking.SiuParser;
import se.vardnav.console.DeadLetters;

/**
 * The journal system's HL7 way in: an SIU message becomes the hub's Appointment event, or is refused
 * with a negative ACK that says why (AR: not HL7 we can read; AE: readable but not a valid booking).
 */
public class SiuIntake {
    public static final String OUTCOME = "vardnavIntake";
    /** The MLLP consumer sends this exchange property back as the acknowledgement. */
    static final String MLLP_ACK = "CamelMllpAcknowledgementString";
    private static final String RAW = "vardnavRawHl7";
    private final FhirContext fhir;
    private final SiuParser parser;
    private final DeadLetters deadLetters;
    private final String replayQueue;
    private final BookingVersions versions;

    public SiuIntake(FhirContext fhir, SiuParser parser, DeadLetters deadLetters, String replayQueue, BookingVersions versions) {
        this.fhir = fhir;
        this.parser = parser;
        this.deadLetters = deadLetters;
        this.replayQueue = replayQueue;
        this.versions = versions;
    }

    public void accept(Exchange exchange) {
        String er7 = exchange.getMessage().getBody(String.class);
        exchange.setProperty(RAW, er7);
        Message message;
        try {
            message = parser.parseMessage(er7);
        } catch (HL7Exception | RuntimeException e) {
            refuse(exchange, Hl7Acks.reject(er7, "HL7 message could not be parsed: " + e.getMessage()), "AR: " + e.getMessage());
            return;
        }
        try {
            SiuBooking booking = parser.toBooking(message);
            Appointment appointment = AppointmentMapper.toAppointment(booking);
            // numbered in the database before the ACK: a resend (same MSH-10) gets the same version
            versions.assign(appointment, booking.controlId(), "MSH-7");
            exchange.getMessage().setHeaders(BookingEnvelope.headers(appointment));
            exchange.getMessage().setBody(BookingEnvelope.body(fhir, appointment));
            exchange.getMessage().setHeader(OUTCOME, "accepted");
            // sent only once the route has put the event on the broker
            exchange.setProperty(MLLP_ACK, Hl7Acks.accept(message));
        } catch (InvalidBookingException e) {
            refuse(exchange, Hl7Acks.error(message, e.reason(), e.errorCode()), "AE: " + e.reason());
        }
    }

    /** The event could not be made durable (broker unreachable): AE, so the journal system resends. */
    public void storageFailed(Exchange exchange) {
        exchange.setProperty(MLLP_ACK, Hl7Acks.reject(exchange.getProperty(RAW, String.class),
                "the hub could not store the message; resend it later", ErrorCode.APPLICATION_INTERNAL_ERROR));
    }

    private void refuse(Exchange exchange, String ack, String reason) {
        exchange.getMessage().setHeader(OUTCOME, "rejected");
        deadLetters.markRefused(exchange, reason, replayQueue);
        exchange.setProperty(MLLP_ACK, ack);
    }
}
