package se.vardnav.sim.mailbox;

import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.JAXBException;
import org.apache.cxf.binding.soap.SoapFault;
import org.apache.cxf.interceptor.Fault;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import se.gov.minameddelanden.schema.common.v3.ExceptionInformation;
import se.gov.minameddelanden.schema.common.v3.ObjectFactory;
import se.vardnav.connector.mailbox.minameddelanden.DeliverySignatures;

import javax.xml.transform.Source;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMResult;
import javax.xml.transform.dom.DOMSource;
import java.util.List;
import java.util.UUID;

/**
 * SOAP helpers shared by the Mina meddelanden simulators. Everything a simulator receives or answers
 * passes {@link MailboxSchema}: a request that does not validate is recorded as a violation and answered
 * with a SOAP Client fault; an answer of the simulator's own that does not validate is recorded too and
 * replaced by a Server fault, so the test that caused it sees it.
 */
final class SoapSupport {
    /** A factory per thread: newInstance() scans the classpath on every call (benchmark hot spot), and factories are not thread-safe. */
    private static final ThreadLocal<TransformerFactory> TRANSFORMERS = ThreadLocal.withInitial(TransformerFactory::newInstance);
    private static final JAXBContext COMMON = context(ObjectFactory.class);

    private SoapSupport() {
    }

    /** The request's payload element after checking it against the published schemas. */
    static Element validatedRequest(Source request, MailboxSchema schema, List<String> violations) {
        Element element = element(request);
        String problems = schema.problems(element);
        if (problems != null) {
            violations.add("request " + element.getLocalName() + ": " + problems);
            throw clientFault("the message does not validate against the schema");
        }
        return element;
    }

    /** The simulator's own answer, marshalled and checked against the published schemas before it leaves. */
    static DOMSource validatedAnswer(JAXBContext context, Object value, MailboxSchema schema, List<String> violations) {
        DOMSource answer = marshal(context, value);
        Element element = ((Document) answer.getNode()).getDocumentElement();
        String problems = schema.problems(element);
        if (problems != null) {
            violations.add("answer " + element.getLocalName() + ": " + problems);
            throw new SoapFault("simulator answer violates the published contract", Fault.FAULT_CODE_SERVER);
        }
        return answer;
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

    /**
     * A soap:Client fault whose detail holds {@code {Common/v3}applicationFault{ErrorCode, Description, CallId}},
     * as the published WSDLs declare it; the detail is checked against the schema like any answer.
     */
    static SoapFault applicationFault(int errorCode, String description, MailboxSchema schema, List<String> violations) {
        ExceptionInformation info = new ExceptionInformation();
        info.setErrorCode(errorCode);
        info.setDescription(description);
        info.setCallId("sim-" + UUID.randomUUID()); // 40 characters: CallId is 20–50
        Element fault = ((Document) validatedAnswer(COMMON, new ObjectFactory().createApplicationFault(info), schema, violations)
                .getNode()).getDocumentElement();
        SoapFault soapFault = new SoapFault(description, Fault.FAULT_CODE_CLIENT);
        Document doc = fault.getOwnerDocument();
        Element detail = doc.createElementNS(null, "detail");
        doc.replaceChild(detail, fault);
        detail.appendChild(fault);
        soapFault.setDetail(detail);
        return soapFault;
    }

    static SoapFault clientFault(String message) {
        return new SoapFault(message, Fault.FAULT_CODE_CLIENT);
    }

    static JAXBContext context(Class<?> factory) {
        try {
            return JAXBContext.newInstance(factory);
        } catch (JAXBException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
