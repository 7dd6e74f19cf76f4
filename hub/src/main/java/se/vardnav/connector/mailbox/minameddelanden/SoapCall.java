package se.vardnav.connector.mailbox.minameddelanden;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import se.vardnav.connector.mailbox.MailboxFault;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * SOAP 1.1 around a payload that must reach the wire as it is (signed XML): the envelope is written
 * around the payload's bytes, not re-serialised, and an answer is read back into its body element or
 * its fault ({@code faultcode} and, when there is one, the {@code Common/v3} applicationFault detail).
 */
final class SoapCall {
    static final String SOAP11_NS = "http://schemas.xmlsoap.org/soap/envelope/";
    static final String COMMON_V3_NS = "http://minameddelanden.gov.se/schema/Common/v3";
    static final String CONTENT_TYPE = "text/xml; charset=UTF-8";
    private static final byte[] HEAD = ("<soapenv:Envelope xmlns:soapenv=\"" + SOAP11_NS + "\"><soapenv:Body>")
            .getBytes(StandardCharsets.UTF_8);
    private static final byte[] TAIL = "</soapenv:Body></soapenv:Envelope>".getBytes(StandardCharsets.UTF_8);

    private SoapCall() {
    }

    /** The request body: envelope + the payload's bytes unchanged + end of envelope. */
    static byte[] envelope(byte[] payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(HEAD.length + payload.length + TAIL.length);
        out.writeBytes(HEAD);
        out.writeBytes(payload);
        out.writeBytes(TAIL);
        return out.toByteArray();
    }

    /** What came back: the body's element, or a fault. */
    record Answer(Element body, String faultCode, MailboxFault fault) {
        boolean isFault() {
            return faultCode != null;
        }
    }

    /** @throws IllegalArgumentException when the bytes are not a SOAP 1.1 envelope with a body element */
    static Answer read(byte[] xml) {
        Document doc;
        try {
            doc = DeliverySignatures.parse(xml);
        } catch (Exception e) {
            throw new IllegalArgumentException("not XML");
        }
        Element envelope = doc.getDocumentElement();
        if (!SOAP11_NS.equals(envelope.getNamespaceURI()) || !"Envelope".equals(envelope.getLocalName())) {
            throw new IllegalArgumentException("not a SOAP 1.1 envelope");
        }
        Element body = DeliverySignatures.directChild(envelope, SOAP11_NS, "Body");
        Element content = body == null ? null : firstElement(body);
        if (content == null) {
            throw new IllegalArgumentException("empty SOAP body");
        }
        if (SOAP11_NS.equals(content.getNamespaceURI()) && "Fault".equals(content.getLocalName())) {
            Element code = child(content, "faultcode");
            String local = code == null ? "" : code.getTextContent().strip();
            local = local.substring(local.indexOf(':') + 1);
            Element detail = child(content, "detail");
            Element appFault = detail == null ? null : DeliverySignatures.directChild(detail, COMMON_V3_NS, "applicationFault");
            return new Answer(null, local, appFault == null ? null : applicationFault(appFault));
        }
        return new Answer(content, null, null);
    }

    /** {ErrorCode, Description, CallId}; an ErrorCode that is not a number reads as 0 (no code the policy lists). */
    static MailboxFault applicationFault(Element fault) {
        Element code = DeliverySignatures.directChild(fault, COMMON_V3_NS, "ErrorCode");
        Element description = DeliverySignatures.directChild(fault, COMMON_V3_NS, "Description");
        Element callId = DeliverySignatures.directChild(fault, COMMON_V3_NS, "CallId");
        int errorCode;
        try {
            errorCode = code == null ? 0 : Integer.parseInt(code.getTextContent().strip());
        } catch (NumberFormatException e) {
            errorCode = 0;
        }
        return new MailboxFault(errorCode, description == null ? null : description.getTextContent(),
                callId == null ? null : callId.getTextContent().strip());
    }

    /** SOAP 1.1 fault children are unqualified. */
    private static Element child(Element parent, String localName) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && localName.equals(e.getLocalName())) {
                return e;
            }
        }
        return null;
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
