package se.vardnav.sim.platform;

import ca.uhn.fhir.context.FhirContext;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.RelatedPerson;
import se.vardnav.fhir.Fhir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/**
 * The platform's side of {@code POST {hub}/fhir/Appointment/$guests}: the booking's Appointment as the
 * platform has it, with each guest as a participant (type from the guest-role code system) whose actor
 * is a contained RelatedPerson (identifier, name, telecom phone and/or email).
 */
public final class HubGuests {
    private static final String GUEST_ROLE = se.vardnav.guest.GuestFhir.GUEST_ROLE;
    private static final String PLATFORM_GUEST_ID = se.vardnav.guest.GuestFhir.PLATFORM_GUEST_ID;
    private static final String OPERATION = se.vardnav.guest.GuestFhir.OPERATION;
    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private volatile java.util.function.Supplier<String> token = () -> null;

    void authorizeWith(java.util.function.Supplier<String> token) {
        this.token = token;
    }

    /** The hub's answer: HTTP status and the resource (Parameters, or an OperationOutcome on error). */
    public record Answer(int status, IBaseResource resource) {}

    static Appointment withGuests(Appointment stored, String journal, String bookingId, List<Guest> guests) {
        Appointment a = stored != null ? stored.copy() : new Appointment();
        if (stored == null) {
            // the booking id as the journal system gave it, with which journal system (assigner) it is
            a.setStatus(Appointment.AppointmentStatus.PROPOSED);
            a.addIdentifier(new Identifier().setSystem(Fhir.JOURNAL_BOOKING_ID).setValue(bookingId)
                    .setAssigner(new Reference().setDisplay(journal)));
        }
        int n = 0;
        for (Guest g : guests) {
            RelatedPerson p = new RelatedPerson();
            p.setId("guest" + (++n));
            if (g.id() != null) {
                p.addIdentifier(new Identifier().setSystem(PLATFORM_GUEST_ID).setValue(g.id()));
            }
            p.addName().setFamily(g.family()).addGiven(g.given());
            if (g.phone() != null) {
                p.addTelecom().setSystem(ContactPoint.ContactPointSystem.PHONE).setUse(ContactPoint.ContactPointUse.MOBILE).setValue(g.phone());
            }
            if (g.email() != null) {
                p.addTelecom().setSystem(ContactPoint.ContactPointSystem.EMAIL).setValue(g.email());
            }
            a.addContained(p);
            a.addParticipant().addType(new CodeableConcept(new Coding(GUEST_ROLE, g.role(), null)))
                    .setActor(new Reference("#" + p.getIdElement().getIdPart()))
                    .setRequired(Appointment.ParticipantRequired.OPTIONAL)
                    .setStatus(Appointment.ParticipationStatus.NEEDSACTION);
        }
        return a;
    }

    Answer post(String hubFhirBase, Appointment appointment) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(hubFhirBase + "/Appointment/" + OPERATION));
        String bearer = token.get();
        if (bearer != null) {
            builder.header("Authorization", "Bearer " + bearer);
        }
        HttpRequest request = builder
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/fhir+json")
                .header("Accept", "application/fhir+json")
                .POST(HttpRequest.BodyPublishers.ofString(FHIR.newJsonParser().encodeResourceToString(appointment)))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            IBaseResource body = response.body() == null || response.body().isBlank() ? null : FHIR.newJsonParser().parseResource(response.body());
            return new Answer(response.statusCode(), body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
