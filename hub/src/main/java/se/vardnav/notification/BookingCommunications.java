package se.vardnav.notification;

import org.hl7.fhir.r4.model.Communication;

import java.util.List;

/**
 * Another channel's sends about a booking, shown beside the SMS ones at
 * {@code GET /fhir/Communication?about:identifier=…} (e.g. e-mail). A bean of this type is picked up by
 * {@link CommunicationProvider}.
 */
public interface BookingCommunications {
    List<Communication> forBooking(String bookingId);
}
