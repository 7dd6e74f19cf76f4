package se.vardnav.letter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.CommunicationRequest;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import se.vardnav.connector.mailbox.minameddelanden.DeliverySignatures;
import se.vardnav.connector.mailbox.minameddelanden.SecureDeliveryBuilder;
import se.vardnav.fhir.Fhir;
import se.vardnav.sim.mailbox.KivraContract;
import se.vardnav.sim.mailbox.KivraRequest;
import se.vardnav.sim.mailbox.MailboxSchema;
import se.vardnav.support.TestPersons;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Conformance: a batch of letters of every kind — kallelse (with its appointment), e-brev and
 * remissbekräftelse, each with and without a PDF — to Min myndighetspost (Mina meddelanden
 * deliverSecure) and to Kivra (its REST API), through the whole hub. Every request the peers received is
 * then checked here, on its own and apart from the simulators' checks, against the published contracts:
 * the SOAP bodies against the published Mina meddelanden XSDs (connectors/mailbox/my-messages/) with both
 * signatures verified against the region's certificate; the Kivra calls against Kivra's OpenAPI
 * (connectors/mailbox/kivra/). Each letter reached its operator exactly once, with no control code in it.
 */
class MailboxConformanceIT extends LetterTestBase {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SOAP11 = "http://schemas.xmlsoap.org/soap/envelope/";

    private record Sent(String letterId, String patient, String operator, LetterKind kind, boolean withPdf) {}

    @Test
    void everyKindOfLetterToEitherProtocolConformsToThePublishedContracts() throws Exception {
        List<Sent> batch = new ArrayList<>();
        for (String operator : List.of(MIN_MYNDIGHETSPOST, KIVRA)) {
            for (LetterKind kind : List.of(LetterKind.KALLELSE, LetterKind.EBREV, LetterKind.REMISSBEKRAFTELSE)) {
                for (boolean withPdf : List.of(true, false)) {
                    String patient = TestPersons.next();
                    mailboxes.reachableVia(patient, operator);
                    if (KIVRA.equals(operator)) {
                        kivra.addUser(patient);
                    }
                    batch.add(new Sent(accepted(letterOf(kind, patient, withPdf)), patient, operator, kind, withPdf));
                }
            }
        }

        await().atMost(java.time.Duration.ofSeconds(90)).until(() -> batch.stream()
                .allMatch(s -> "DELIVERED".equals(deliveries(s.letterId()).get("mailbox:" + s.operator()))));

        X509Certificate region = regionCertificate();
        MailboxSchema published = MailboxSchema.load();
        // Mina meddelanden: every deliverSecure, as it arrived
        Map<String, Element> soapByLetter = new LinkedHashMap<>();
        for (String envelope : minMyndighetspost.receivedPayloads()) {
            Element body = soapBody(envelope);
            assertThat(published.problems(body)).as("deliverSecure against the published XSDs").isNull();
            Element sealed = firstElement(body);
            assertThat(DeliverySignatures.verify(sealed, region)).as("seal signature").isTrue();
            Element signed = DeliverySignatures.directChild(sealed, SecureDeliveryBuilder.MESSAGE_V3_NS, "SignedDelivery");
            assertThat(DeliverySignatures.verify(signed, region)).as("sender signature").isTrue();
            String reference = body.getElementsByTagNameNS("http://minameddelanden.gov.se/schema/Message/v2", "Reference").item(0).getTextContent();
            if (batch.stream().anyMatch(b -> b.letterId().equals(reference))) { // a straggler of an earlier test is checked, not counted
                assertThat(soapByLetter.put(reference, body)).as("sent once: " + reference).isNull();
            }
        }
        // and every isReachable the hub asked first
        for (String envelope : mailboxes.receivedPayloads()) {
            assertThat(published.problems(soapBody(envelope))).as("isReachable against the published XSDs").isNull();
        }
        // Kivra: every call, method, path, headers and body, against the published OpenAPI
        KivraContract kivraContract = KivraContract.load();
        Map<String, JsonNode> kivraByPatient = new LinkedHashMap<>();
        for (KivraRequest r : kivra.received()) {
            assertThat(kivraContract.requestProblems(r.method(), r.path(), r.headers(), r.body()))
                    .as(r.method() + " " + r.path()).isEmpty();
            if (r.path().endsWith("/content")) {
                assertThat(r.body().getBytes(StandardCharsets.UTF_8).length).as("under Kivra's 1 MB").isLessThan(1_000_000);
                JsonNode content = JSON.readTree(r.body());
                String ssn = content.path("ssn").asText();
                if (batch.stream().anyMatch(b -> b.patient().equals(ssn))) {
                    assertThat(kivraByPatient.put(ssn, content)).as("sent once").isNull();
                }
            }
        }

        for (Sent s : batch) {
            if (MIN_MYNDIGHETSPOST.equals(s.operator())) {
                Element body = soapByLetter.get(s.letterId());
                assertThat(body).as("deliverSecure for " + s).isNotNull();
                assertThat(body.getElementsByTagNameNS("http://minameddelanden.gov.se/schema/Message", "Filename").getLength())
                        .isEqualTo(s.withPdf() ? 1 : 0);
                String text = new String(java.util.Base64.getDecoder().decode(bodyText(body)), StandardCharsets.UTF_8);
                assertThat(text).doesNotContain("4US");
            } else {
                JsonNode content = kivraByPatient.get(s.patient());
                assertThat(content).as("Kivra content for " + s).isNotNull();
                assertThat(content.path("type").asText()).isEqualTo(s.kind() == LetterKind.KALLELSE ? "booking" : "letter");
                if (s.kind() == LetterKind.KALLELSE) {
                    assertThat(content.path("booking").path("title").asText()).isEqualTo("Besök hos sjuksköterska");
                    assertThat(content.path("booking").path("start_time").asText()).isEqualTo("2031-05-06T07:30:00Z");
                    assertThat(content.path("booking").path("location").asText()).contains("Vårdcentralen Norr");
                }
                long pdfs = 0;
                for (JsonNode part : content.path("parts")) {
                    if ("application/pdf".equals(part.path("content_type").asText())) {
                        pdfs++;
                    } else {
                        String text = new String(java.util.Base64.getDecoder().decode(part.path("data").asText()), StandardCharsets.UTF_8);
                        assertThat(text).doesNotContain("4US");
                    }
                }
                assertThat(pdfs).isEqualTo(s.withPdf() ? 1 : 0);
            }
        }
    }

    private CommunicationRequest letterOf(LetterKind kind, String patient, boolean withPdf) {
        CommunicationRequest cr = switch (kind) {
            case KALLELSE -> kallelse(patient, newBookingId(), Instant.parse("2031-05-06T07:30:00Z"));
            case EBREV -> ebrev(patient);
            case REMISSBEKRAFTELSE -> {
                CommunicationRequest r = letter(Fhir.PERSONNUMMER, patient, "Remissbekräftelse", "Din remiss har kommit fram.\n\n[4US:RPAT]", null);
                r.addCategory(new CodeableConcept(new Coding(LetterFhir.LETTER_KIND, "remissbekraftelse", null)));
                yield r;
            }
            default -> throw new IllegalArgumentException(kind.name());
        };
        if (!withPdf) {
            cr.getPayload().removeIf(p -> p.getContent() instanceof Attachment);
        }
        return cr;
    }

    private static X509Certificate regionCertificate() throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (var in = java.nio.file.Files.newInputStream(Path.of("connectors", "mailbox", "demo-signing.p12"))) {
            ks.load(in, "demo-only".toCharArray());
        }
        return (X509Certificate) ks.getCertificate("vardnav-demo");
    }

    private static Element soapBody(String envelope) throws Exception {
        DocumentBuilderFactory dbf = DocumentBuilderFactory.newInstance();
        dbf.setNamespaceAware(true);
        Element root = dbf.newDocumentBuilder().parse(new ByteArrayInputStream(envelope.getBytes(StandardCharsets.UTF_8))).getDocumentElement();
        assertThat(root.getNamespaceURI()).as("SOAP 1.1 envelope").isEqualTo(SOAP11);
        return firstElement(DeliverySignatures.directChild(root, SOAP11, "Body"));
    }

    /** The message Body's base64 (Message namespace): the second "Body" in document order, after the SOAP one is gone. */
    private static String bodyText(Element deliverSecure) {
        var bodies = deliverSecure.getElementsByTagNameNS("http://minameddelanden.gov.se/schema/Message", "Body");
        for (int i = 0; i < bodies.getLength(); i++) {
            Element b = (Element) bodies.item(i);
            if ("Body".equals(b.getParentNode().getLocalName())) {
                return b.getTextContent();
            }
        }
        throw new AssertionError("no message body");
    }

    private static Element firstElement(Element parent) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                return e;
            }
        }
        return null;
    }
}
