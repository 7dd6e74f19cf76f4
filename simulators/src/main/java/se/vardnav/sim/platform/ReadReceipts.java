package se.vardnav.sim.platform;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;

import java.time.Instant;
import java.util.Date;

/**
 * What the platform tells the hub when a patient opens a letter: {@code POST <hub>/Communication}, a
 * Communication with category letter-event#read, inResponseTo the letter's hub id, received = when opened.
 */
final class ReadReceipts {
    static final String LETTER_EVENT = "https://vardnav.se/fhir/CodeSystem/letter-event";
    static final String HUB_LETTER_ID = "https://vardnav.se/fhir/NamingSystem/hub-letter-id";
    private volatile String hubFhirBase;
    private volatile java.util.function.Supplier<String> token = () -> null;

    void authorizeWith(java.util.function.Supplier<String> token) {
        this.token = token;
    }

    void sendTo(String hubFhirBase) {
        this.hubFhirBase = hubFhirBase;
    }

    void opened(String hubLetterId, Instant at) {
        if (hubFhirBase == null) {
            throw new IllegalStateException("no hub to send read receipts to: call sendReadReceiptsTo first");
        }
        Communication receipt = new Communication();
        receipt.setStatus(Communication.CommunicationStatus.COMPLETED);
        receipt.addCategory(new CodeableConcept(new Coding(LETTER_EVENT, "read", "Read by the patient")));
        receipt.addInResponseTo(new Reference().setType("Communication")
                .setIdentifier(new Identifier().setSystem(HUB_LETTER_ID).setValue(hubLetterId)));
        receipt.setReceived(Date.from(at));
        IGenericClient client = FhirContext.forR4Cached().newRestfulGenericClient(hubFhirBase);
        String bearer = token.get();
        if (bearer != null) {
            client.registerInterceptor(new ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor(bearer));
        }
        client.create().resource(receipt).execute();
    }
}
