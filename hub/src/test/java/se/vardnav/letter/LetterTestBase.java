package se.vardnav.letter;

import ca.uhn.fhir.context.FhirContext;
import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.CommunicationRequest;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import se.vardnav.sim.mailbox.KivraSimulator;
import se.vardnav.sim.mailbox.MailboxSimProperties;
import se.vardnav.sim.mailbox.MinaMeddelandenSimulator;
import se.vardnav.sim.mailbox.OperatorSimulator;
import se.vardnav.fhir.Fhir;
import se.vardnav.identity.Personnummer;
import se.vardnav.support.HubTestBase;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.awaitility.Awaitility.await;

/** The hub with the letter flow: letters posted as the journal system would, and what each channel then holds. */
public abstract class LetterTestBase extends HubTestBase {
    protected static final FhirContext FHIR = FhirContext.forR4Cached();
    protected static final HttpClient HTTP = se.vardnav.support.HubHttp.client();
    protected static final String SOURCE = "TakeCare";
    protected static final byte[] PDF = "%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
    protected static final String FOOTER_EBREV = "\n\n[4US:LPAT]";
    private static final AtomicInteger SERIAL = new AtomicInteger(300);

    /**
     * The Mina meddelanden Recipient service and two operators of different protocols, each on its own port:
     * Kivra over its REST sender API, Min myndighetspost over signed deliverSecure (SOAP).
     */
    public static final MinaMeddelandenSimulator mailboxes = new MinaMeddelandenSimulator(0).start();
    public static final String KIVRA = "165568402266";
    public static final String MIN_MYNDIGHETSPOST = "162021005448";
    public static final KivraSimulator kivra = new KivraSimulator(0, "vardnav-test", "vardnav", "kivra-test-secret").start();
    public static final OperatorSimulator minMyndighetspost = mailboxes.addOperator(MIN_MYNDIGHETSPOST, "Min myndighetspost");

    static {
        mailboxes.addOperator(KIVRA, "Kivra"); // listed by the Recipient service; its letters go to the Kivra REST simulator
    }

    @DynamicPropertySource
    static void mailboxProperties(DynamicPropertyRegistry r) {
        MailboxSimProperties.of(mailboxes, kivra, KIVRA).forEach((k, v) -> r.add(k, () -> v));
    }

    @BeforeEach
    void receiptsToThisHub() {
        platform.sendReadReceiptsTo("http://127.0.0.1:" + httpPort + "/fhir");
        mailboxes.clear();
        kivra.clear();
    }

    @AfterEach
    void mailboxesUp() {
        mailboxes.comeUp();
        kivra.comeUp();
        minMyndighetspost.comeUp();
    }

    /** Whatever the hub sent a mailbox peer, and whatever they answered, held to the published contracts. */
    @AfterEach
    void noContractViolation() {
        org.assertj.core.api.Assertions.assertThat(mailboxes.allViolations()).as("Mina meddelanden contract violations").isEmpty();
        org.assertj.core.api.Assertions.assertThat(kivra.violations()).as("Kivra OpenAPI violations").isEmpty();
    }

    /** A kallelse about a booking, with the appointment as the journal sends it: a contained Appointment that {@code about} points at. */
    protected static CommunicationRequest kallelse(String personnummer, String bookingId, java.time.Instant start) {
        CommunicationRequest cr = letter(Fhir.PERSONNUMMER, personnummer, "Kallelse hälsokontroll", "Välkommen på besök.", bookingId);
        org.hl7.fhir.r4.model.Appointment appointment = new org.hl7.fhir.r4.model.Appointment();
        appointment.setId("appointment");
        appointment.setStatus(org.hl7.fhir.r4.model.Appointment.AppointmentStatus.BOOKED);
        appointment.addIdentifier().setSystem(Fhir.JOURNAL_BOOKING_ID).setValue(bookingId);
        appointment.setDescription("Besök hos sjuksköterska");
        appointment.setStart(java.util.Date.from(start));
        appointment.setEnd(java.util.Date.from(start.plus(java.time.Duration.ofMinutes(30))));
        appointment.setPatientInstruction("Ta med legitimation.");
        appointment.addParticipant().setActor(new Reference().setType("Location").setDisplay("Vårdcentralen Norr, Storgatan 1, Sundsvall"))
                .setStatus(org.hl7.fhir.r4.model.Appointment.ParticipationStatus.ACCEPTED);
        cr.addContained(appointment);
        cr.getAbout().clear();
        cr.addAbout(new Reference("#appointment"));
        cr.addAbout(new Reference().setType("Appointment").setIdentifier(new Identifier().setSystem(Fhir.JOURNAL_BOOKING_ID).setValue(bookingId)));
        return cr;
    }

    /** A valid personnummer for someone born on that day. */
    protected static String bornOn(LocalDate day) {
        String nine = day.format(java.time.format.DateTimeFormatter.ofPattern("yyMMdd")) + String.format("%03d", SERIAL.incrementAndGet() % 1000);
        return day.getYear() / 100 + nine + Personnummer.luhn(nine);
    }

    /** An e-brev with the right control code and one PDF, from TakeCare, for a patient with a personnummer. */
    protected static CommunicationRequest ebrev(String personnummer) {
        return letter(Fhir.PERSONNUMMER, personnummer, "Provsvar blodprov", "Hej! Dina provsvar är klara." + FOOTER_EBREV, null);
    }

    protected static CommunicationRequest letter(String patientSystem, String patientId, String documentName, String text, String bookingId) {
        CommunicationRequest cr = new CommunicationRequest();
        Identifier id = new Identifier().setSystem(LetterFhir.JOURNAL_LETTER_ID).setValue("L-" + UUID.randomUUID());
        id.setAssigner(new Reference().setDisplay(SOURCE));
        cr.addIdentifier(id);
        cr.setStatus(CommunicationRequest.CommunicationRequestStatus.ACTIVE);
        cr.addExtension(LetterFhir.EXT_DOCUMENT_NAME, new StringType(documentName));
        cr.setSubject(new Reference().setType("Patient").setIdentifier(new Identifier().setSystem(patientSystem).setValue(patientId)));
        if (bookingId != null) {
            cr.addAbout(new Reference().setType("Appointment").setIdentifier(new Identifier().setSystem(Fhir.JOURNAL_BOOKING_ID).setValue(bookingId)));
            cr.addCategory(new CodeableConcept(new Coding(LetterFhir.LETTER_KIND, "kallelse", null)));
        }
        cr.addPayload().setContent(new StringType(text));
        cr.addPayload().setContent(new Attachment().setContentType("application/pdf").setTitle("brev.pdf").setData(PDF));
        return cr;
    }

    protected static String sourceId(CommunicationRequest cr) {
        return cr.getIdentifierFirstRep().getValue();
    }

    protected record Posted(int status, String body) {}

    protected Posted post(CommunicationRequest cr) throws Exception {
        return post(FHIR.newJsonParser().encodeResourceToString(cr));
    }

    protected Posted post(String json) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/fhir/CommunicationRequest"))
                        .header("Content-Type", "application/fhir+json")
                        .POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
        return new Posted(r.statusCode(), r.body());
    }

    /** Posts the letter (expects 201) and returns the hub's letter id. */
    protected String accepted(CommunicationRequest cr) throws Exception {
        Posted p = post(cr);
        if (p.status() != 201) {
            throw new AssertionError("expected 201, got " + p.status() + ": " + p.body());
        }
        return letterIdOf(sourceId(cr));
    }

    protected String letterIdOf(String sourceLetterId) {
        return jdbc.queryForObject("SELECT id FROM letter WHERE source_letter_id = ?", String.class, sourceLetterId);
    }

    protected Map<String, Object> row(String letterId) {
        return jdbc.queryForMap("SELECT * FROM letter WHERE id = ?", letterId);
    }

    protected void awaitRouted(String letterId) {
        await().until(() -> !"RECEIVED".equals(row(letterId).get("routing_status")));
    }

    protected Optional<String> printReason(String letterId) {
        return jdbc.queryForList("SELECT reason FROM print_item WHERE letter_id = ?", String.class, letterId).stream().findFirst();
    }

    protected Map<String, String> deliveries(String letterId) {
        Map<String, String> m = new java.util.TreeMap<>();
        jdbc.queryForList("SELECT channel, status FROM letter_delivery WHERE letter_id = ?", letterId)
                .forEach(r -> m.put((String) r.get("channel"), (String) r.get("status")));
        return m;
    }

    protected static String sha256(byte[] content) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(content));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    protected List<se.vardnav.sim.sms.ReceivedSms> smsTo(String e164) {
        return smsGateway.received().stream().filter(r -> e164.equals(r.to())).toList();
    }
}
