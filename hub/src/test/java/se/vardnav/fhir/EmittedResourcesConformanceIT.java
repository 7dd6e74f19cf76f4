package se.vardnav.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Binary;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.BooleanType;
import org.junit.jupiter.api.Test;
import se.vardnav.booking.AppointmentMapper;
import se.vardnav.booking.SiuParser;
import se.vardnav.letter.LetterTestBase;
import se.vardnav.notification.ChatMessage;
import se.vardnav.notification.SmsRequest;
import se.vardnav.notification.email.EmailRequest;
import se.vardnav.sim.journal.SiuMessages;
import se.vardnav.sim.platform.Guest;
import se.vardnav.sim.platform.PlatformBinary;
import se.vardnav.support.HubConformance;
import se.vardnav.support.TestPersons;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every kind of resource the hub emits (to the platform, on its own /fhir, on its queues) and a sample of those it
 * reads validates against FHIR R4 and the hub's conformance resources only (connectors/visit-platform/conformance/):
 * an extension, code system or identifier system defined nowhere fails this test.
 */
class EmittedResourcesConformanceIT extends LetterTestBase {
    private final Map<String, IBaseResource> resources = new LinkedHashMap<>();

    private IGenericClient hub() {
        FhirContext ctx = FhirContext.forR4();
        ctx.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
        return se.vardnav.support.TestFhirClients.hub(ctx, "http://127.0.0.1:" + httpPort + "/fhir");
    }

    @Test
    void everythingTheHubEmitsAndReadsIsDefinedAndValid() throws Exception {
        String patient = TestPersons.next();
        platform.addAccount(patient, "070-444 55 77", null);
        LocalDateTime start = LocalDateTime.of(2026, 12, 10, 9, 0);
        String video = newBookingId();
        String video2 = SiuMessages.s12().bookingId(video).start(start).minutes(20).timeType("VIDEO", "Video").patient(patient)
                .patientMobile("070-444 55 77").staff("SE2321000016-1234", "Lind").unit("SE2321000016-A1B2", "Mottagningen")
                .resource("RUM1", "Videorum").caseName("Kontroll").comment("Välkommen").build();
        send(video2);

        // the booking event on hub.appointment, as the intake makes it (trigger-event, notification-phone)
        resources.put("hub.appointment event", AppointmentMapper.toAppointment(new SiuParser().parse(video2)));
        // notify.sms and notify.email
        resources.put("notify.sms", new SmsRequest("booking|" + video + "|1", "+46704445577", "Hej", video, "booking-confirmation").toFhir());
        resources.put("notify.email", new EmailRequest("guest|g1|1|invite|email", "gast@example.se", "Inbjudan", "Hej", video,
                "guest-invitation").toFhir());

        // to the platform: the Appointment, then a letter with its PDF as a Binary
        await().until(() -> platform.findByBookingId(video).isPresent());
        resources.put("platform Appointment", platform.findByBookingId(video).orElseThrow());
        String letterId = accepted(letter(Fhir.PERSONNUMMER, patient, "Kallelse", "Välkommen.", video));
        await().until(() -> platform.findLetter(letterId).isPresent());
        Communication letter = platform.findLetter(letterId).orElseThrow();
        resources.put("platform letter", letter);
        String binaryId = letter.getPayload().stream().filter(p -> p.getContent() instanceof org.hl7.fhir.r4.model.Attachment)
                .map(p -> ((org.hl7.fhir.r4.model.Attachment) p.getContent()).getUrl()).findFirst().orElseThrow().substring("Binary/".length());
        PlatformBinary stored = platform.findBinary(binaryId).orElseThrow();
        Binary binary = new Binary().setContentType(stored.contentType()).setSecurityContext(new Reference(stored.securityContext()));
        binary.setData(PDF);
        resources.put("platform Binary (as stored from the raw PDF and X-Security-Context)", binary);

        // on the hub's /fhir: what was sent for the booking, the app SMS answer, the guests answer, an OperationOutcome
        await().until(() -> !smsTo("+46704445577").isEmpty());
        Bundle sent = hub().search().byUrl("Communication?about:identifier=" + Fhir.JOURNAL_BOOKING_ID + "|" + video)
                .returnBundle(Bundle.class).execute();
        assertThat(sent.getEntry()).isNotEmpty();
        resources.put("GET /fhir/Communication", sent);
        resources.put("$send-app-sms answer", answer("/$send-app-sms", """
                {"resourceType":"Parameters","parameter":[{"name":"patient","valueIdentifier":{"system":"%s","value":"%s"}},
                 {"name":"app","valueString":"alltid-oppet"}]}""".formatted(Fhir.PERSONNUMMER, patient), 200));
        resources.put("$guests answer", platform.sendGuests("http://127.0.0.1:" + httpPort + "/fhir", video,
                List.of(Guest.interpreter("G-" + UUID.randomUUID(), "Tolk", "Tina", "070-444 55 78", null))).resource());
        resources.put("422 OperationOutcome", answer("/CommunicationRequest", "{\"resourceType\":\"CommunicationRequest\",\"status\":\"active\"}", 422));

        // what the hub reads: a letter from the journal system, a chat message with "Behövs inte"
        resources.put("letter in", letter(Fhir.PERSONNUMMER, patient, "Provsvar", "Hej!" + FOOTER_EBREV, null));
        resources.put("chat message in", chatMessage(patient));

        Map<String, List<String>> errors = new LinkedHashMap<>();
        resources.forEach((what, r) -> {
            List<String> e = HubConformance.errors(r).stream().map(EmittedResourcesConformanceIT::describe).toList();
            if (!e.isEmpty()) {
                errors.put(what, e);
            }
        });
        assertThat(errors).as("validation errors").isEmpty();
    }

    private IBaseResource answer(String path, String body, int expected) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/fhir" + path))
                .header("Content-Type", "application/fhir+json").header("Accept", "application/fhir+json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(expected);
        return FHIR.newJsonParser().parseResource(r.body());
    }

    private static Communication chatMessage(String patient) {
        Communication c = new Communication();
        c.addIdentifier(new Identifier().setSystem(ChatMessage.MESSAGE_ID).setValue("M-" + UUID.randomUUID()));
        c.setStatus(Communication.CommunicationStatus.COMPLETED);
        c.addCategory(new CodeableConcept(new Coding(ChatMessage.KIND, "video-invitation", null)));
        c.addExtension(Fhir.EXT_NOTIFICATION_NOT_NEEDED, new BooleanType(true));
        Patient p = new Patient();
        p.setId("recipient");
        p.addIdentifier(new Identifier().setSystem(Fhir.PERSONNUMMER).setValue(patient));
        p.addTelecom().setSystem(ContactPoint.ContactPointSystem.PHONE).setValue("070-444 55 77");
        c.addContained(p);
        c.addRecipient(new Reference("#recipient"));
        c.addPayload().setContent(new StringType("Välkommen in i rummet"));
        return c;
    }

    private static String describe(SingleValidationMessage m) {
        return m.getSeverity() + " " + m.getLocationString() + ": " + m.getMessage();
    }
}
