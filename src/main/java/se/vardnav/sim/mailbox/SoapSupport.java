package se.vardnav.sim.mailbox;

import java.util.List;
import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.JAXBException;
import org.apache.cxf.binding.soap.SoapFault;
import org.apache.cxf.interceptor.Fault;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import se.vardnav.connector.mailbox.minameddelanden.DeliverySignatures;

import javax.xml.transform.Source;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMResult;
import javax.xml.transform.dom.DOMSource;
import java.io.StringWriter;

/** Small SOAP helpers shared by the Mina meddelanden simulators. */
final class SoapSupport {
    /** A factory per thread: newInstance() scans the classpath on every call (benchmark hot spot), and factories are not thread-safe. */
    private static final ThreadLocal<TransformerFactory> TRANSFORMERS = ThreadLocal.withInitial(TransformerFactory::newInstance);

    static final String COMMON_NS = "http://minameddelanden.gov.se/schema/Common/v3";

    private SoapSupport() {
    }

    /** The payload's root element, whatever kind of Source CXF handed over. */
    /**
     * The request's payload element, after recording its text and checking it against the schema: an
     * invalid one is recorded with its problems and answered with a client fault, as a real service would.
     */
    static Element validated(Source request, MailboxSchema schema, List<String> payloads, List<String> invalid) {
        Element element = element(request);
        payloads.add(text(element));
        String problems = schema.problems(element);
        if (problems != null) {
            invalid.add(problems);
            throw clientFault("the message does not validate against the schema");
        }
        return element;
    }

    static Element element(Source source) {
        if (source instanceof DOMSource dom) {
            Node node = dom.getNode();
            if (node instanceof Document doc) {
                return doc.getDocumentElement();
            }
            if (node instanceof Element e) {
                return e;
            }
        }
        try {
            DOMResult result = new DOMResult(DeliverySignatures.newDocument());
            TRANSFORMERS.get().newTransformer().transform(source, result);
            return ((Document) result.getNode()).getDocumentElement();
        } catch (TransformerException e) {
            throw new IllegalStateException(e);
        }
    }

    static DOMSource marshal(JAXBContext context, Object value) {
        try {
            Document doc = DeliverySignatures.newDocument();
            context.createMarshaller().marshal(value, doc);
            return new DOMSource(doc);
        } catch (JAXBException e) {
            throw new IllegalStateException(e);
        }
    }

    static String text(Node node) {
        try {
            StringWriter out = new StringWriter();
            TRANSFORMERS.get().newTransformer().transform(new DOMSource(node),
                    new javax.xml.transform.stream.StreamResult(out));
            return out.toString();
        } catch (TransformerException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A soap:Client fault whose detail holds {@code {Common/v3}applicationFault{code, message}}. */
    static SoapFault applicationFault(String code, String message) {
        SoapFault fault = new SoapFault(message, Fault.FAULT_CODE_CLIENT);
        Document doc = DeliverySignatures.newDocument();
        Element detail = doc.createElementNS(null, "detail");
        doc.appendChild(detail);
        Element entry = doc.createElementNS(COMMON_NS, "common:applicationFault");
        entry.setAttributeNS("http://www.w3.org/2000/xmlns/", "xmlns:common", COMMON_NS);
        detail.appendChild(entry);
        Element codeElement = doc.createElementNS(COMMON_NS, "common:code");
        codeElement.setTextContent(code);
        entry.appendChild(codeElement);
        Element messageElement = doc.createElementNS(COMMON_NS, "common:message");
        messageElement.setTextContent(message);
        entry.appendChild(messageElement);
        fault.setDetail(detail);
        return fault;
    }

    static SoapFault clientFault(String message) {
        return new SoapFault(message, Fault.FAULT_CODE_CLIENT);
    }
}
