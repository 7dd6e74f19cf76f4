package se.vardnav.connector.mailbox.minameddelanden;

import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.JAXBElement;
import jakarta.xml.bind.JAXBException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import se.gov.minameddelanden.schema.message.Attachment;
import se.gov.minameddelanden.schema.message.MessageBody;
import se.gov.minameddelanden.schema.message.Seal;
import se.gov.minameddelanden.schema.message.v2.SecureDeliveryHeader;
import se.gov.minameddelanden.schema.message.v3.MessageHeader;
import se.gov.minameddelanden.schema.message.v3.SealedDelivery;
import se.gov.minameddelanden.schema.message.v3.SecureDelivery;
import se.gov.minameddelanden.schema.message.v3.SecureMessage;
import se.gov.minameddelanden.schema.message.v3.SignedDelivery;
import se.gov.minameddelanden.schema.message.v3.SupportInfo;
import se.gov.minameddelanden.schema.sender.Sender;
import se.vardnav.connector.mailbox.MailboxLetter;
import se.vardnav.document.LetterDocuments;

import javax.xml.datatype.DatatypeConfigurationException;
import javax.xml.datatype.DatatypeConstants;
import javax.xml.datatype.DatatypeFactory;
import javax.xml.datatype.XMLGregorianCalendar;
import javax.xml.namespace.QName;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HexFormat;
import java.util.UUID;

/**
 * Builds the body of a {@code deliverSecure} call from a letter with the classes generated from the
 * published schemas, so every element lands in the namespace of the type that declares it (header
 * children in Message/v2, Sender's Id/Name in Sender, body and attachment children and the Seal's in
 * Message). SecureDelivery → SignedDelivery (signed alone) → SealedDelivery with its Seal (signed), then
 * serialised once: the bytes returned are the bytes that were signed and the ones that go on the wire.
 */
public final class SecureDeliveryBuilder {
    public static final String MESSAGE_V3_NS = DeliverySignatures.MESSAGE_V3_NS;
    public static final String SERVICE_V3_NS = DeliverySignatures.SERVICE_V3_NS;
    static final int MAX_SUBJECT = 255;
    private static final ZoneId SWEDEN = ZoneId.of("Europe/Stockholm");
    private static final QName SIGNED_DELIVERY = new QName(MESSAGE_V3_NS, "SignedDelivery");
    private static final QName DELIVER_SECURE = new QName(SERVICE_V3_NS, "deliverSecure");
    private static final JAXBContext JAXB = jaxb();

    /** What the sender says about itself in every message; from vardnav.mailbox.*. */
    public record SenderInfo(String orgNr16, String name, String language, String supportText, String supportUrl,
                             String supportPhone, String supportEmail) {}

    private final SenderInfo sender;
    private final LetterDocuments documents;
    private final DeliverySignatures signatures;
    private final Clock clock;

    public SecureDeliveryBuilder(SenderInfo sender, LetterDocuments documents, DeliverySignatures signatures, Clock clock) {
        this.sender = sender;
        this.documents = documents;
        this.signatures = signatures;
        this.clock = clock;
    }

    /** The request payload: {@code {Service/v3}deliverSecure} holding the sealed delivery, UTF-8, as signed. */
    public byte[] build(MailboxLetter letter) {
        Document signed = DeliverySignatures.newDocument();
        SignedDelivery signedDelivery = new SignedDelivery();
        signedDelivery.setDelivery(delivery(letter));
        marshal(new JAXBElement<>(SIGNED_DELIVERY, SignedDelivery.class, signedDelivery), signed);
        signatures.sign(signed);

        // the inner deliverSecure (type SealedDelivery) is signed as the element it is on the wire
        Document sealed = DeliverySignatures.newDocument();
        SealedDelivery sealedDelivery = new SealedDelivery();
        sealedDelivery.setSeal(seal());
        marshal(new JAXBElement<>(DELIVER_SECURE, SealedDelivery.class, sealedDelivery), sealed);
        Element sealedRoot = sealed.getDocumentElement();
        sealedRoot.insertBefore(sealed.importNode(signed.getDocumentElement(), true), sealedRoot.getFirstChild());
        signatures.sign(sealed);

        Document wire = DeliverySignatures.newDocument();
        Element wrapper = wire.createElementNS(SERVICE_V3_NS, "service:deliverSecure");
        wrapper.setAttributeNS("http://www.w3.org/2000/xmlns/", "xmlns:service", SERVICE_V3_NS);
        wire.appendChild(wrapper);
        wrapper.appendChild(wire.importNode(sealedRoot, true));
        return DeliverySignatures.serialize(wire).getBytes(StandardCharsets.UTF_8);
    }

    private Seal seal() {
        Seal seal = new Seal();
        LocalDate today = LocalDate.ofInstant(clock.instant(), SWEDEN);
        seal.setReceivedTime(date(today)); // xs:date
        seal.setSignaturesOK(true);
        return seal;
    }

    SecureDelivery delivery(MailboxLetter letter) {
        SecureDelivery delivery = new SecureDelivery();
        SecureDeliveryHeader header = new SecureDeliveryHeader();
        Sender s = new Sender();
        s.setId(sender.orgNr16());
        s.setName(sender.name());
        header.setSender(s);
        header.setRecipient(letter.recipientId());
        header.setReference(letter.letterId());
        // stable per letter, so a retried delivery is the same request apart from the seal
        header.setCorrelationId(UUID.nameUUIDFromBytes(letter.letterId().getBytes(StandardCharsets.UTF_8)).toString());
        delivery.setHeader(header);
        delivery.getMessage().add(message(letter));
        return delivery;
    }

    private SecureMessage message(MailboxLetter letter) {
        SecureMessage message = new SecureMessage();
        MessageHeader header = new MessageHeader();
        header.setId(letter.letterId());
        header.setSubject(subject(letter.subject(), sender.name()));
        SupportInfo support = new SupportInfo();
        support.setText(truncate(xmlSafe(sender.supportText() == null ? "" : sender.supportText()), 1024));
        support.setURL(blankToNull(sender.supportUrl()));
        support.setPhoneNumber(blankToNull(sender.supportPhone()));
        support.setEmailAdress(blankToNull(sender.supportEmail()));
        header.setSupportinfo(support);
        header.setLanguage(sender.language() == null ? "sv" : sender.language());
        message.setHeader(header);
        MessageBody body = new MessageBody();
        body.setContentType("text/plain; charset=UTF-8");
        body.setBody(xmlSafe(letter.bodyText() == null ? "" : letter.bodyText()).getBytes(StandardCharsets.UTF_8));
        message.setBody(body);
        if (letter.attachments() != null) {
            for (MailboxLetter.Document doc : letter.attachments()) {
                message.getAttachment().add(attachment(doc));
            }
        }
        return message;
    }

    private Attachment attachment(MailboxLetter.Document doc) {
        Attachment attachment = new Attachment();
        attachment.setContentType(doc.contentType() == null ? "application/pdf" : doc.contentType());
        String filename = doc.filename() == null ? "" : xmlSafe(doc.filename()).strip();
        // the schema wants a name; a journal export without one must not turn the letter into a refusal
        attachment.setFilename(filename.isEmpty() ? "bilaga.pdf" : truncate(filename, MAX_SUBJECT));
        try (DigestInputStream in = new DigestInputStream(documents.open(doc.ref()), MessageDigest.getInstance("MD5"))) {
            attachment.setBody(in.readAllBytes());
            attachment.setChecksum(HexFormat.of().formatHex(in.getMessageDigest().digest()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read letter document " + doc.ref(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        return attachment;
    }

    /** ≤ 255 characters, never splitting a surrogate pair; never empty (the schema demands a subject). */
    static String subject(String subject, String senderName) {
        String s = subject == null ? "" : xmlSafe(subject).strip();
        if (s.isEmpty()) {
            s = "Meddelande från " + senderName;
        }
        return truncate(s, MAX_SUBJECT);
    }

    static String truncate(String s, int max) {
        if (s.length() <= max) {
            return s;
        }
        int end = Character.isHighSurrogate(s.charAt(max - 1)) ? max - 1 : max;
        return s.substring(0, end);
    }

    /** Drops characters XML 1.0 cannot carry (control characters from a journal export would fail the call). */
    static String xmlSafe(String s) {
        StringBuilder out = new StringBuilder(s.length());
        s.codePoints().filter(c -> c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF)
                        || (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF))
                .forEach(out::appendCodePoint);
        return out.toString();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    static XMLGregorianCalendar date(LocalDate day) {
        try {
            return DatatypeFactory.newInstance().newXMLGregorianCalendarDate(day.getYear(), day.getMonthValue(),
                    day.getDayOfMonth(), DatatypeConstants.FIELD_UNDEFINED);
        } catch (DatatypeConfigurationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void marshal(Object element, Document into) {
        try {
            JAXB.createMarshaller().marshal(element, into);
        } catch (JAXBException e) {
            throw new IllegalStateException("cannot build the delivery", e);
        }
    }

    private static JAXBContext jaxb() {
        try {
            return JAXBContext.newInstance(se.gov.minameddelanden.schema.message.v3.ObjectFactory.class,
                    se.gov.minameddelanden.schema.service.v3.ObjectFactory.class);
        } catch (JAXBException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
