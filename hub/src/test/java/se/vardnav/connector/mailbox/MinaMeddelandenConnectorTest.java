package se.vardnav.connector.mailbox;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;
import se.vardnav.connector.mailbox.minameddelanden.CxfMailboxDirectory;
import se.vardnav.connector.mailbox.minameddelanden.DeliverySignatures;
import se.vardnav.connector.mailbox.minameddelanden.MinaMeddelandenOperator;
import se.vardnav.connector.mailbox.minameddelanden.SecureDeliveryBuilder;
import se.vardnav.document.LetterDocuments;
import se.vardnav.sim.mailbox.MailboxSchema;
import se.vardnav.sim.mailbox.MinaMeddelandenSimulator;
import se.vardnav.sim.mailbox.OperatorSimulator;
import se.vardnav.sim.mailbox.ReceivedDelivery;
import se.vardnav.support.TestPersons;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Mina meddelanden connectors (Recipient + deliverSecure) against the SOAP simulators over real sockets. */
class MinaMeddelandenConnectorTest {
    static final String KIVRA = "165568402266";
    static final String MYNDIGHETSPOST = "162021005448";
    static final String REGION_ORG_NR = "2321000016";
    static final Path KEYSTORE = Path.of("connectors", "mailbox", "demo-signing.p12");

    // generous: a cold JVM on a shared 2-core machine; the slow-peer tests use their own short timeout
    static final Duration RECEIVE = Duration.ofSeconds(15);
    static final Duration SHORT = Duration.ofMillis(500);

    private static MinaMeddelandenSimulator sim;
    private static LetterDocuments documents;
    private static DeliverySignatures signatures;
    private CxfMailboxDirectory directory;
    private MinaMeddelandenOperator kivra;

    @BeforeAll
    static void start(@TempDir Path dir) {
        sim = new MinaMeddelandenSimulator(0).start();
        sim.addOperator(KIVRA, "Kivra");
        sim.addOperator(MYNDIGHETSPOST, "Min myndighetspost");
        documents = new LetterDocuments(dir, se.vardnav.privacy.TestKeys.cipher());
        signatures = DeliverySignatures.fromKeyStore(KEYSTORE, "demo-only".toCharArray(), "vardnav-demo");
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @BeforeEach
    void clients() {
        sim.clear();
        directory = new CxfMailboxDirectory(sim.recipientUrl(), REGION_ORG_NR, Duration.ofSeconds(2), RECEIVE);
        kivra = new MinaMeddelandenOperator(KIVRA, "Kivra", builder(), null, Duration.ofSeconds(2), RECEIVE);
    }

    static SecureDeliveryBuilder builder() {
        return new SecureDeliveryBuilder(new SecureDeliveryBuilder.SenderInfo(
                CxfMailboxDirectory.orgNr16(REGION_ORG_NR), "Region Demo", "sv", "Frågor? Ring vårdcentralen.",
                "https://region.example/kontakt", null, null), documents, signatures, Clock.systemUTC());
    }

    @AfterEach
    void close() {
        directory.close();
        kivra.close();
        // every request the hub sent and every answer the simulators gave held to the published schemas
        assertThat(sim.allViolations()).isEmpty();
    }

    @Test
    void reachableRecipientGetsTheOperatorAndItsServiceAddress() {
        String pnr = TestPersons.next();
        sim.reachableVia(pnr, KIVRA);
        Reachability r = directory.isReachable(pnr);
        assertThat(r.reachable()).isTrue();
        assertThat(r.operatorId()).isEqualTo(KIVRA);
        assertThat(r.operatorName()).isEqualTo("Kivra");
        assertThat(r.serviceAddress()).isEqualTo(sim.operator(KIVRA).serviceAddress());
        assertThat(sim.violations()).isEmpty();
    }

    @Test
    void theIsReachableBodyTheHubSendsValidatesAgainstTheXsd() throws Exception {
        String pnr = TestPersons.next();
        directory.isReachable(pnr);
        // this recipient's request only: a request of an earlier test that timed out on the client may land late
        assertThat(sim.receivedPayloads()).filteredOn(xml -> xml.contains(pnr)).singleElement().satisfies(xml -> {
            Element body = payload(xml);
            assertThat(body.getLocalName()).isEqualTo("isReachable");
            assertThat(body.getNamespaceURI()).isEqualTo("http://minameddelanden.gov.se/schema/Recipient/v3");
            assertThat(MailboxSchema.load().problems(body)).isNull();
            assertThat(body.getElementsByTagNameNS("*", "senderOrgNr").item(0).getTextContent()).isEqualTo("16" + REGION_ORG_NR);
        });
    }

    @Test
    void aMessageTheSchemaRejectsIsRefusedNotRetried() {
        // a hyphenated personnummer breaks the Recipient pattern: the operator answers a Client fault
        String hyphenated = "19121212-1212";
        MailboxLetter letter = new MailboxLetter("L-bad", hyphenated, "Brev", "text", List.of(), null,
                sim.operator(KIVRA).serviceAddress());
        assertThatThrownBy(() -> kivra.deliver(letter)).isInstanceOf(MailboxRefusedException.class)
                .hasMessageContaining("SOAP fault Client").message().doesNotContain("1212");
        assertThat(sim.operator(KIVRA).violations()).singleElement().asString().startsWith("request deliverSecure");
        assertThat(deliveries("L-bad")).isEmpty();
        sim.operator(KIVRA).clear(); // the violation was this test's point
    }

    @Test
    void eachSenderRuleGivesItsReason() {
        String none = TestPersons.next();
        String pending = TestPersons.next();
        String notAccepted = TestPersons.next();
        String anonymous = TestPersons.next();
        String noAddress = TestPersons.next();
        sim.pending(pending, KIVRA);
        sim.senderNotAccepted(notAccepted, MYNDIGHETSPOST);
        sim.anonymous(anonymous);
        sim.withoutServiceAddress(noAddress, KIVRA);

        assertThat(directory.isReachable(none)).isEqualTo(Reachability.not(Reachability.NO_SECURE_MAILBOX));
        assertThat(directory.isReachable(pending)).isEqualTo(Reachability.not(Reachability.PENDING));
        assertThat(directory.isReachable(notAccepted)).isEqualTo(Reachability.not(Reachability.SENDER_NOT_ACCEPTED));
        assertThat(directory.isReachable(anonymous)).isEqualTo(Reachability.not(Reachability.NO_SECURE_MAILBOX));
        assertThat(directory.isReachable(noAddress)).isEqualTo(Reachability.not(Reachability.NO_SERVICE_ADDRESS));
        assertThat(sim.violations()).isEmpty();
    }

    @Test
    void recipientServiceDownOrFailingIsUnavailableWithoutThePersonnummer() {
        String pnr = TestPersons.next();
        sim.goDown();
        assertThatThrownBy(() -> directory.isReachable(pnr)).isInstanceOf(MailboxUnavailableException.class)
                .message().doesNotContain(pnr);
        sim.comeUp();
        sim.failNext(1);
        assertThatThrownBy(() -> directory.isReachable(pnr)).isInstanceOf(MailboxUnavailableException.class)
                .message().doesNotContain(pnr);
        sim.setDelay(SHORT.multipliedBy(3));
        try (CxfMailboxDirectory impatient = new CxfMailboxDirectory(sim.recipientUrl(), REGION_ORG_NR, SHORT, SHORT)) {
            assertThatThrownBy(() -> impatient.isReachable(pnr)).isInstanceOf(MailboxUnavailableException.class);
        }
        sim.setDelay(Duration.ZERO);
        assertThat(directory.isReachable(pnr).reachable()).isFalse();
    }

    @Test
    void deliverSecureArrivesSignedWithAttachmentsAndChecksums() throws Exception {
        String pnr = TestPersons.next();
        sim.reachableVia(pnr, KIVRA);
        byte[] pdf = "%PDF-1.4 kallelse".getBytes(StandardCharsets.US_ASCII);
        MailboxLetter letter = letter("L-1", pnr, pdf);
        int before = sim.operator(KIVRA).requests();

        MailboxReceipt receipt = kivra.deliver(letter.withServiceAddress(directory.isReachable(pnr).serviceAddress()));

        OperatorSimulator op = sim.operator(KIVRA);
        assertThat(op.violations()).isEmpty();
        assertThat(op.requests() - before).as("one answer read, no resend").isEqualTo(1);
        assertThat(deliveries("L-1")).hasSize(1);
        ReceivedDelivery d = deliveries("L-1").get(0);
        assertThat(receipt.transactionId()).isEqualTo(d.transId());
        assertThat(receipt.operatorId()).isEqualTo(KIVRA);
        assertThat(d.recipient()).isEqualTo(pnr);
        assertThat(d.reference()).isEqualTo("L-1");
        assertThat(d.senderId()).isEqualTo("16" + REGION_ORG_NR);
        assertThat(d.subject()).isEqualTo("Kallelse till vårdcentralen");
        assertThat(d.bodyText()).isEqualTo("Välkommen!");
        assertThat(d.signedDeliveryVerified()).isTrue();
        assertThat(d.sealVerified()).isTrue();
        assertThat(d.attachments()).singleElement().satisfies(a -> {
            assertThat(a.filename()).isEqualTo("kallelse.pdf");
            assertThat(a.checksum()).isEqualTo(md5(pdf));
            assertThat(a.checksumOk()).isTrue();
        });
    }

    @Test
    void theSoapBodyTheHubSendsValidatesAgainstThePublishedSchemasAndBothSignaturesVerify() throws Exception {
        String pnr = TestPersons.next();
        sim.reachableVia(pnr, KIVRA);
        kivra.deliver(letter("L-xsd", pnr, new byte[]{1, 2, 3}).withServiceAddress(sim.operator(KIVRA).serviceAddress()));

        List<String> captured = sim.operator(KIVRA).receivedPayloads().stream()
                .filter(xml -> xml.contains(">L-xsd</")).toList();
        assertThat(captured).hasSize(1);
        Element body = payload(captured.get(0));
        assertThat(body.getLocalName()).isEqualTo("deliverSecure");
        assertThat(MailboxSchema.load().problems(body)).isNull();
        Element sealed = firstElement(body);
        assertThat(DeliverySignatures.verify(sealed)).isTrue();
        Element signed = DeliverySignatures.directChild(sealed, SecureDeliveryBuilder.MESSAGE_V3_NS, "SignedDelivery");
        assertThat(DeliverySignatures.verify(signed)).isTrue();
        // tampering with the delivery breaks both signatures
        signed.getElementsByTagNameNS(MESSAGE_V2, "Recipient").item(0).setTextContent("191212121212");
        assertThat(DeliverySignatures.verify(signed)).isFalse();
        assertThat(DeliverySignatures.verify(sealed)).isFalse();
    }

    /** The namespaces the published schemas give each element (what a hand-made copy got wrong). */
    @Test
    void everyElementIsInTheNamespaceOfTheTypeThatDeclaresIt() throws Exception {
        String pnr = TestPersons.next();
        kivra.deliver(letter("L-ns", pnr, new byte[]{4}).withServiceAddress(sim.operator(KIVRA).serviceAddress()));
        Element body = payload(sim.operator(KIVRA).receivedPayloads().stream().filter(x -> x.contains(">L-ns</")).findFirst().orElseThrow());

        assertThat(ns(body, "SignedDelivery")).isEqualTo(SecureDeliveryBuilder.MESSAGE_V3_NS);
        assertThat(ns(body, "Delivery")).isEqualTo(SecureDeliveryBuilder.MESSAGE_V3_NS);
        for (String headerChild : List.of("Sender", "Recipient", "Reference", "CorrelationId")) {
            assertThat(ns(body, headerChild)).as(headerChild).isEqualTo(MESSAGE_V2);
        }
        assertThat(ns(body, "Id")).isEqualTo(SENDER);
        assertThat(ns(body, "Name")).isEqualTo(SENDER);
        for (String v1 : List.of("ContentType", "Checksum", "Filename", "ReceivedTime", "SignaturesOK")) {
            assertThat(ns(body, v1)).as(v1).isEqualTo(MESSAGE);
        }
        assertThat(body.getElementsByTagNameNS(MESSAGE, "ReceivedTime").item(0).getTextContent()).as("xs:date")
                .matches("\\d{4}-\\d{2}-\\d{2}");
    }

    @Test
    void theSignedXmlGoesOnTheWireByteForByte() {
        String pnr = TestPersons.next();
        MailboxLetter letter = letter("L-bytes", pnr, new byte[]{8, 9}).withServiceAddress(sim.operator(KIVRA).serviceAddress());
        // RSA PKCS#1 v1.5 signatures are deterministic and the seal carries a date: built twice, the same bytes
        String built = new String(builder().build(letter), StandardCharsets.UTF_8);
        assertThat(new String(builder().build(letter), StandardCharsets.UTF_8)).isEqualTo(built);

        kivra.deliver(letter);

        assertThat(sim.operator(KIVRA).receivedPayloads()).filteredOn(x -> x.contains(">L-bytes</"))
                .singleElement().asString().contains(built);
    }

    @Test
    void applicationFaultsAreTransientOrPermanentByErrorCode() {
        String pnr = TestPersons.next();
        OperatorSimulator op = sim.operator(KIVRA);
        MailboxFaultPolicy policy = new MailboxFaultPolicy(java.util.Set.of(1500));
        try (MinaMeddelandenOperator withPolicy = new MinaMeddelandenOperator(KIVRA, "Kivra", builder(), null,
                Duration.ofSeconds(2), RECEIVE, null, policy)) {
            MailboxLetter letter = letter("L-fault", pnr, new byte[]{3}).withServiceAddress(op.serviceAddress());
            op.faultNext(1, 1500);
            assertThatThrownBy(() -> withPolicy.deliver(letter)).isInstanceOf(MailboxUnavailableException.class)
                    .hasMessageContaining("ErrorCode 1500");
            op.faultNext(1, 4711);
            assertThatThrownBy(() -> withPolicy.deliver(letter)).isInstanceOf(MailboxRefusedException.class)
                    .hasMessageContaining("ErrorCode 4711").hasMessageContaining("CallId sim-")
                    .satisfies(e -> assertThat(((MailboxRefusedException) e).fault().errorCode()).isEqualTo(4711));
            assertThat(withPolicy.deliver(letter).transactionId()).isNotBlank();
        }
        assertThat(deliveries("L-fault")).hasSize(1);
    }

    @Test
    void aRecipientServiceFaultNamesItsErrorCode() {
        String pnr = TestPersons.next();
        sim.faultNext(3001);
        assertThatThrownBy(() -> directory.isReachable(pnr)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("ErrorCode 3001").message().doesNotContain(pnr);
        try (CxfMailboxDirectory lenient = new CxfMailboxDirectory(sim.recipientUrl(), REGION_ORG_NR, Duration.ofSeconds(2), RECEIVE,
                null, new MailboxFaultPolicy(java.util.Set.of(3001)))) {
            sim.faultNext(3001);
            assertThatThrownBy(() -> lenient.isReachable(pnr)).isInstanceOf(MailboxUnavailableException.class);
            assertThat(lenient.isReachable(pnr).reachable()).isFalse();
        }
    }

    @Test
    void anOperatorThatKnowsTheSendersCertificateRefusesAnotherSigner() {
        String pnr = TestPersons.next();
        OperatorSimulator op = sim.operator(KIVRA);
        op.trustSender(signatures.certificate());
        kivra.deliver(letter("L-trusted", pnr, new byte[]{5}).withServiceAddress(op.serviceAddress()));
        assertThat(deliveries("L-trusted")).singleElement().satisfies(d -> {
            assertThat(d.signedDeliveryVerified()).isTrue();
            assertThat(d.sealVerified()).isTrue();
        });

        DeliverySignatures impostor = DeliverySignatures.fromKeyStore(
                Path.of("hub", "src", "test", "resources", "mailbox", "untrusted-signing.p12"), "test-only".toCharArray(), "other");
        SecureDeliveryBuilder forged = new SecureDeliveryBuilder(new SecureDeliveryBuilder.SenderInfo(
                CxfMailboxDirectory.orgNr16(REGION_ORG_NR), "Region Demo", "sv", "x", null, null, null),
                documents, impostor, Clock.systemUTC());
        try (MinaMeddelandenOperator other = new MinaMeddelandenOperator(KIVRA, "Kivra", forged, null, Duration.ofSeconds(2), RECEIVE)) {
            assertThatThrownBy(() -> other.deliver(letter("L-forged", pnr, new byte[]{6}).withServiceAddress(op.serviceAddress())))
                    .isInstanceOf(MailboxRefusedException.class).hasMessageContaining("ErrorCode " + OperatorSimulator.SIGNATURE_INVALID);
        }
        assertThat(deliveries("L-forged")).isEmpty();
    }

    @Test
    void theSameLetterTwiceIsDeliveredOnce() {
        String pnr = TestPersons.next();
        sim.reachableVia(pnr, KIVRA);
        MailboxLetter letter = letter("L-twice", pnr, new byte[]{9}).withServiceAddress(sim.operator(KIVRA).serviceAddress());
        MailboxReceipt first = kivra.deliver(letter);
        MailboxReceipt second = kivra.deliver(letter);
        assertThat(second.transactionId()).isEqualTo(first.transactionId());
        assertThat(deliveries("L-twice")).hasSize(1);
    }

    @Test
    void refusedRecipientIsRefusedAndDownOrFailingOperatorIsUnavailable() {
        String pnr = TestPersons.next();
        OperatorSimulator op = sim.operator(KIVRA);
        MailboxLetter letter = letter("L-refuse", pnr, new byte[]{7}).withServiceAddress(op.serviceAddress());

        op.refuseRecipient(pnr);
        assertThatThrownBy(() -> kivra.deliver(letter)).isInstanceOf(MailboxRefusedException.class)
                .hasMessageContaining("ErrorCode " + OperatorSimulator.RECIPIENT_REFUSED).message().doesNotContain(pnr);
        op.clear();

        op.goDown();
        assertThatThrownBy(() -> kivra.deliver(letter)).isInstanceOf(MailboxUnavailableException.class)
                .message().doesNotContain(pnr);
        op.comeUp();

        op.failNext(1);
        assertThatThrownBy(() -> kivra.deliver(letter)).isInstanceOf(MailboxUnavailableException.class)
                .message().doesNotContain(pnr);

        op.setDelay(SHORT.multipliedBy(3));
        try (MinaMeddelandenOperator impatient = new MinaMeddelandenOperator(KIVRA, "Kivra", builder(), null, SHORT, SHORT)) {
            assertThatThrownBy(() -> impatient.deliver(letter)).isInstanceOf(MailboxUnavailableException.class);
        }
        op.setDelay(Duration.ZERO);

        assertThat(kivra.deliver(letter).operatorName()).isEqualTo("Kivra");
        // the slow attempt may still land after its client gave up: the Reference makes it the same delivery
        assertThat(deliveries("L-refuse")).hasSize(1);
    }

    @Test
    void aLongSubjectIsCutTo255CharactersAndStillValid() {
        String pnr = TestPersons.next();
        String longSubject = "å".repeat(254) + "😀" + "x".repeat(10);
        MailboxLetter letter = new MailboxLetter("L-long", pnr, longSubject, "text", List.of(), null,
                sim.operator(KIVRA).serviceAddress());
        kivra.deliver(letter);
        ReceivedDelivery d = deliveries("L-long").get(0);
        assertThat(d.subject()).hasSize(254).isEqualTo("å".repeat(254));
        assertThat(sim.operator(KIVRA).violations()).isEmpty();
    }

    /** Tests share the simulator, and a timed-out request may finish late: look at one letter's deliveries. */
    private static List<ReceivedDelivery> deliveries(String reference) {
        return sim.operator(KIVRA).deliveries().stream().filter(d -> reference.equals(d.reference())).toList();
    }

    static MailboxLetter letter(String id, String pnr, byte[] pdf) {
        LetterDocuments.Stored stored = documents.put(new ByteArrayInputStream(pdf));
        return new MailboxLetter(id, pnr, "Kallelse till vårdcentralen", "Välkommen!",
                List.of(new MailboxLetter.Document("kallelse.pdf", "application/pdf", stored.ref(), stored.size(), stored.md5())),
                null, null);
    }

    static String md5(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
    }

    static final String MESSAGE = "http://minameddelanden.gov.se/schema/Message";
    static final String MESSAGE_V2 = "http://minameddelanden.gov.se/schema/Message/v2";
    static final String SENDER = "http://minameddelanden.gov.se/schema/Sender";

    /** The SOAP body's element of a captured request. */
    static Element payload(String envelope) throws Exception {
        DocumentBuilderFactory dbf = DocumentBuilderFactory.newInstance();
        dbf.setNamespaceAware(true);
        Element root = dbf.newDocumentBuilder().parse(new ByteArrayInputStream(envelope.getBytes(StandardCharsets.UTF_8))).getDocumentElement();
        Element body = DeliverySignatures.directChild(root, "http://schemas.xmlsoap.org/soap/envelope/", "Body");
        return firstElement(body);
    }

    /** The namespace of the first element with this local name (document order). */
    static String ns(Element root, String localName) {
        return root.getElementsByTagNameNS("*", localName).item(0).getNamespaceURI();
    }

    static Element firstElement(Element parent) {
        for (org.w3c.dom.Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                return e;
            }
        }
        return null;
    }
}
