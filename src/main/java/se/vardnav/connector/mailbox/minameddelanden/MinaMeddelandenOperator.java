package se.vardnav.connector.mailbox.minameddelanden;

import se.vardnav.connector.cxf.CxfFailures;
import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.JAXBException;
import jakarta.xml.soap.Detail;
import jakarta.xml.soap.SOAPFault;
import jakarta.xml.ws.Dispatch;
import jakarta.xml.ws.Service;
import jakarta.xml.ws.WebServiceException;
import jakarta.xml.ws.soap.SOAPBinding;
import jakarta.xml.ws.soap.SOAPFaultException;
import org.apache.cxf.Bus;
import org.apache.cxf.binding.soap.SoapFault;
import org.apache.cxf.BusFactory;
import org.apache.cxf.jaxws.DispatchImpl;
import org.apache.cxf.transport.http.HTTPConduit;
import org.apache.cxf.transports.http.configuration.HTTPClientPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import se.gov.minameddelanden.schema.message.v3.DeliveryResult;
import se.gov.minameddelanden.schema.message.v3.DeliveryStatus;
import se.gov.minameddelanden.schema.service.v3.DeliverSecureResponse;
import se.gov.minameddelanden.service.DeliveryService;
import se.vardnav.connector.mailbox.MailboxLetter;
import se.vardnav.connector.mailbox.MailboxOperator;
import se.vardnav.connector.mailbox.MailboxReceipt;
import se.vardnav.connector.mailbox.MailboxRefusedException;
import se.vardnav.connector.mailbox.MailboxUnavailableException;

import javax.xml.transform.Source;
import javax.xml.transform.dom.DOMSource;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * A mailbox operator reached by Mina meddelanden {@code deliverSecure} (SOAP 1.1) at its own
 * ServiceAdress, which comes with each letter from the Recipient service. The port and QNames are
 * the CXF-generated ones ({@link DeliveryService}); the payload goes through a PAYLOAD-mode Dispatch
 * so the signed XML reaches the wire unchanged. Idempotency: the letter id is the delivery's
 * Reference, on which operators deduplicate.
 */
public final class MinaMeddelandenOperator implements MailboxOperator, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MinaMeddelandenOperator.class);
    static final String COMMON_NS = "http://minameddelanden.gov.se/schema/Common/v3";
    private static final Pattern SAFE_CODE = Pattern.compile("[A-Za-z0-9_.\\-]{1,60}");
    private static final JAXBContext RESPONSE = responseContext();

    private final String id;
    private final String name;
    private final SecureDeliveryBuilder builder;
    private final String defaultServiceAddress;
    private final Duration connectTimeout;
    private final Duration receiveTimeout;
    private final Bus bus = BusFactory.newInstance().createBus();
    // a Dispatch is safe to share once configured; one per address, as operators may move
    private final Map<String, Dispatch<Source>> dispatches = new ConcurrentHashMap<>();

    /**
     * @param defaultServiceAddress used when a letter carries no ServiceAdress (may be null)
     */
    public MinaMeddelandenOperator(String id, String name, SecureDeliveryBuilder builder, String defaultServiceAddress,
                                   Duration connectTimeout, Duration receiveTimeout) {
        this.id = id;
        this.name = name;
        this.builder = builder;
        this.defaultServiceAddress = defaultServiceAddress;
        this.connectTimeout = connectTimeout;
        this.receiveTimeout = receiveTimeout;
    }

    @Override
    public String id() {
        return id;
    }

    public String name() {
        return name;
    }

    @Override
    public MailboxReceipt deliver(MailboxLetter letter) {
        String address = letter.serviceAddress() != null && !letter.serviceAddress().isBlank()
                ? letter.serviceAddress() : defaultServiceAddress;
        if (address == null || address.isBlank()) {
            throw new MailboxRefusedException("operator " + id + " has no service address");
        }
        DOMSource payload = new DOMSource(builder.build(letter));
        Source response;
        try {
            response = dispatch(address).invoke(payload);
        } catch (RuntimeException e) {
            LOG.warn("deliverSecure to operator {} failed: {}", id, e.getClass().getSimpleName());
            throw translate(e);
        }
        DeliveryResult result = result(response);
        for (DeliveryStatus status : result.getStatus()) {
            if (!status.isDelivered()) {
                throw new MailboxRefusedException("operator " + id + " did not deliver the letter");
            }
        }
        return new MailboxReceipt(id, name, result.getTransId());
    }

    private Dispatch<Source> dispatch(String address) {
        return dispatches.computeIfAbsent(address, this::newDispatch);
    }

    private Dispatch<Source> newDispatch(String address) {
        Bus previous = BusFactory.getThreadDefaultBus(false);
        BusFactory.setThreadDefaultBus(bus);
        try {
            Service service = Service.create(DeliveryService.SERVICE);
            service.addPort(DeliveryService.ServicePortV3, SOAPBinding.SOAP11HTTP_BINDING, address);
            Dispatch<Source> dispatch = service.createDispatch(DeliveryService.ServicePortV3, Source.class, Service.Mode.PAYLOAD);
            HTTPClientPolicy policy = new HTTPClientPolicy();
            policy.setConnectionTimeout(connectTimeout.toMillis());
            policy.setReceiveTimeout(receiveTimeout.toMillis());
            ((HTTPConduit) ((DispatchImpl<?>) dispatch).getClient().getConduit()).setClient(policy);
            return dispatch;
        } finally {
            BusFactory.setThreadDefaultBus(previous);
        }
    }

    private DeliveryResult result(Source response) {
        try {
            DeliverSecureResponse answer = RESPONSE.createUnmarshaller().unmarshal(response, DeliverSecureResponse.class).getValue();
            if (answer.getReturn() == null || answer.getReturn().getTransId() == null) {
                throw new MailboxUnavailableException("operator " + id + " answered without a transaction id");
            }
            return answer.getReturn();
        } catch (JAXBException e) {
            throw new MailboxUnavailableException("operator " + id + " answered something unreadable", e);
        }
    }

    /**
     * applicationFault and other client faults: refused for good (the letter goes to paper). Server
     * faults, HTTP 5xx, timeouts and refused connections: unavailable, retried. Fault strings are never
     * copied (a peer may echo the personnummer); only a fault code of safe characters is.
     */
    RuntimeException translate(RuntimeException e) {
        Fault fault = fault(e);
        if (fault != null) {
            if (fault.applicationCode() != null) {
                return new MailboxRefusedException("operator " + id + " refused the delivery: " + fault.applicationCode());
            }
            if ("Server".equals(fault.code()) || "Receiver".equals(fault.code())) {
                return new MailboxUnavailableException("operator " + id + " answered a server fault");
            }
            return new MailboxRefusedException("operator " + id + " rejected the delivery: SOAP fault " + safe(fault.code()));
        }
        Integer status = CxfFailures.httpStatus(e);
        if (status != null && status >= 400 && status < 500 && status != 408 && status != 429) {
            return new MailboxRefusedException("operator " + id + " rejected the delivery: HTTP " + status);
        }
        if (status != null) {
            return new MailboxUnavailableException("operator " + id + " unavailable: HTTP " + status);
        }
        if (e instanceof WebServiceException) {
            return new MailboxUnavailableException("operator " + id + " unavailable: " + CxfFailures.rootCauseName(e));
        }
        return e;
    }

    private record Fault(String code, String applicationCode) {}

    /** A SOAP fault anywhere in the chain: JAX-WS's SOAPFaultException or CXF's own SoapFault (Dispatch throws either). */
    private static Fault fault(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SOAPFaultException sfe && sfe.getFault() != null) {
                SOAPFault f = sfe.getFault();
                Detail detail = f.getDetail();
                return new Fault(f.getFaultCodeAsQName().getLocalPart(), detail == null ? null : applicationFaultCode(detail));
            }
            if (t instanceof SoapFault cxf) {
                return new Fault(cxf.getFaultCode() == null ? "" : cxf.getFaultCode().getLocalPart(),
                        cxf.getDetail() == null ? null : applicationFaultCode(cxf.getDetail()));
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }

    /** The code of an applicationFault among the detail's children, or null when there is none. */
    static String applicationFaultCode(Element detail) {
        for (Node n = detail.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element element && "applicationFault".equals(element.getLocalName())
                    && COMMON_NS.equals(element.getNamespaceURI())) {
                for (Node c = element.getFirstChild(); c != null; c = c.getNextSibling()) {
                    if (c instanceof Element code && "code".equals(code.getLocalName())) {
                        return safe(code.getTextContent().strip());
                    }
                }
                return "unspecified";
            }
        }
        return null;
    }

    private static String safe(String code) {
        return code != null && SAFE_CODE.matcher(code).matches() ? code : "unspecified";
    }

    private static JAXBContext responseContext() {
        try {
            return JAXBContext.newInstance(se.gov.minameddelanden.schema.service.v3.ObjectFactory.class);
        } catch (JAXBException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @Override
    public void close() {
        bus.shutdown(false);
    }
}
