package se.vardnav.notification;

import org.hl7.fhir.r4.model.CommunicationRequest;

/**
 * A message to a person that a bean plans and a route queues ({@link SmsRequest} on notify.sms,
 * {@link se.vardnav.notification.email.EmailRequest} on notify.email). Beans return these; the route of the
 * queue encodes them ({@link NoticeEncoding}) and sets the broker's duplicate id to the business key.
 */
public interface Notice {

    /** Unique per notice and stable across retries: the dispatchers send each key once. */
    String businessKey();

    /** As it travels on its queue. */
    CommunicationRequest toFhir();
}
