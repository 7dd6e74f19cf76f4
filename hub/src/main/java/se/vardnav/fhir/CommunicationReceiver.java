package se.vardnav.fhir;

import ca.uhn.fhir.rest.api.MethodOutcome;
import org.hl7.fhir.r4.model.Communication;

/**
 * A concern that takes some of the Communications posted to the hub's {@code /fhir/Communication}
 * (the endpoint is one per resource type; chat messages are the rest). Beans of this type are asked
 * in turn; the first that {@link #accepts} one handles it.
 */
public interface CommunicationReceiver {

    boolean accepts(Communication communication);

    /** 201/200 once the content is durable; throw UnprocessableEntityException for invalid content. */
    MethodOutcome receive(Communication communication);
}
