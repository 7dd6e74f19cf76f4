package se.vardnav.sim.mailbox;

import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.JAXBException;
import jakarta.xml.ws.Provider;
import jakarta.xml.ws.Service;
import jakarta.xml.ws.ServiceMode;
import jakarta.xml.ws.WebServiceProvider;
import org.apache.cxf.Bus;
import org.apache.cxf.BusFactory;
import org.apache.cxf.jaxws.EndpointImpl;
import org.apache.cxf.transport.servlet.CXFNonSpringServlet;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import se.gov.minameddelanden.schema.message.Attachment;
import se.gov.minameddelanden.schema.message.v3.SealedDelivery;
import se.gov.minameddelanden.schema.message.v3.SecureDelivery;
import se.gov.minameddelanden.schema.message.v3.SecureMessage;
import se.gov.minameddelanden.schema.service.DeliveryResult;
import se.gov.minameddelanden.schema.service.DeliveryStatus;
import se.gov.minameddelanden.schema.service.v3.DeliverSecureResponse;
import se.vardnav.connector.mailbox.minameddelanden.DeliverySignatures;
import se.vardnav.sim.EmbeddedHttpServer;
import se.vardnav.sim.ServerTls;

import javax.xml.transform.dom.DOMSource;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One mailbox operator's Mina meddelanden Service endpoint (ServicePort-v3, {@code deliverSecure}) on
 * its own loopback port, so "operator down" is a refused connection. Every request is checked against
 * the published schemas (invalid → recorded in {@link #violations()} and a SOAP Client fault), both
 * signatures are verified, deliveries are deduplicated by Reference, and the answer — DeliveryResult
 * in the Service namespace, or an applicationFault {ErrorCode, Description, CallId} — is checked too.
 * Address: {@code http(s)://127.0.0.1:<port>/operator/Service}.
 */
public final class OperatorSimulator implements AutoCloseable {
    public static final String CONTEXT_PATH = "/operator";
    public static final String SERVICE_PATH = "/Service";
    /** ErrorCodes this simulator answers with; the published contract lists none, these are the simulator's own. */
    public static final int RECIPIENT_REFUSED = 2001;
    public static final int SIGNATURE_INVALID = 2002;
    private static final JAXBContext MESSAGE = SoapSupport.context(se.gov.minameddelanden.schema.message.v3.ObjectFactory.class);
    private static final JAXBContext SERVICE = SoapSupport.context(se.gov.minameddelanden.schema.service.v3.ObjectFactory.class);

    private final String id;
    private final String name;
    private final MailboxSchema schema;
    private final ServerTls tls;
    private final Bus bus;
    private final GatedServlet gate;
    private final EmbeddedHttpServer server;
    private final Map<String, Integer> refused = new ConcurrentHashMap<>();
    private final Map<String, String> transIdByReference = new ConcurrentHashMap<>();
    private final List<ReceivedDelivery> deliveries = new CopyOnWriteArrayList<>();
    private final List<String> payloads = new CopyOnWriteArrayList<>();
    private final List<String> violations = new CopyOnWriteArrayList<>();
    private final AtomicReference<int[]> faultNext = new AtomicReference<>();
    private volatile boolean requireValidSignatures = true;
    private volatile X509Certificate trustedSender;

    public OperatorSimulator(String id, String name, int port, MailboxSchema schema) {
        this(id, name, port, schema, null);
    }

    /** @param tls serve HTTPS and require a client certificate (null: plain HTTP) */
    public OperatorSimulator(String id, String name, int port, MailboxSchema schema, ServerTls tls) {
        this.id = id;
        this.name = name;
        this.schema = schema;
        this.tls = tls;
        bus = BusFactory.newInstance().createBus();
        new EndpointImpl(bus, new ServiceProvider()).publish(SERVICE_PATH);
        CXFNonSpringServlet servlet = new CXFNonSpringServlet();
        servlet.setBus(bus);
        gate = new GatedServlet(servlet, payloads);
        server = new EmbeddedHttpServer(port, CONTEXT_PATH, "/*", gate, tls);
    }

    public OperatorSimulator start() {
        server.start();
        return this;
    }

    public String id() { return id; }

    public String name() { return name; }

    /** The ServiceAdress the Recipient service hands out for this operator. */
    public String serviceAddress() {
        return (tls == null ? "http" : "https") + "://127.0.0.1:" + server.port() + CONTEXT_PATH + SERVICE_PATH;
    }

    /** Answer deliveries to this recipient with an applicationFault ({@link #RECIPIENT_REFUSED}). */
    public void refuseRecipient(String recipientId) { refused.put(recipientId, RECIPIENT_REFUSED); }

    /** Answer deliveries to this recipient with an applicationFault with this ErrorCode. */
    public void refuseRecipient(String recipientId, int errorCode) { refused.put(recipientId, errorCode); }

    /** The next {@code times} valid deliveries are answered with an applicationFault with this ErrorCode. */
    public void faultNext(int times, int errorCode) { faultNext.set(new int[]{times, errorCode}); }

    public void goDown() { server.goDown(); }

    public void comeUp() { server.comeUp(); }

    /** The next n requests get HTTP 503. */
    public void failNext(int n) { gate.failNext(n); }

    public void setDelay(Duration delay) { gate.setDelay(delay); }

    /** When false, deliveries with bad signatures are accepted (and recorded as unverified). */
    public void requireValidSignatures(boolean require) { this.requireValidSignatures = require; }

    /** Accept only signatures made with this certificate (a real operator knows each sender's); null: any. */
    public void trustSender(X509Certificate certificate) { this.trustedSender = certificate; }

    /** Forgets controls, deliveries, captured payloads and violations. */
    public void clear() {
        gate.clear();
        refused.clear();
        transIdByReference.clear();
        deliveries.clear();
        payloads.clear();
        violations.clear();
        faultNext.set(null);
        requireValidSignatures = true;
        trustedSender = null;
        server.comeUp();
    }

    public List<ReceivedDelivery> deliveries() { return List.copyOf(deliveries); }

    /** Every deliverSecure HTTP request body as it arrived (the SOAP envelope, byte for byte as UTF-8), duplicates included. */
    public List<String> receivedPayloads() { return List.copyOf(payloads); }

    /** Requests received and answers given that did not validate against the published schemas, with why. */
    public List<String> violations() { return List.copyOf(violations); }

    /** HTTP requests that reached the simulator, failed ones included. */
    public int requests() { return gate.requests(); }

    @Override
    public void close() {
        server.close();
        bus.shutdown(false);
    }

    private ReceivedDelivery accept(Element wrapper) {
        Element sealed = firstElement(wrapper);
        X509Certificate trusted = trustedSender;
        boolean sealOk = DeliverySignatures.verify(sealed, trusted);
        Element signed = DeliverySignatures.directChild(sealed, DeliverySignatures.MESSAGE_V3_NS, "SignedDelivery");
        boolean signedOk = signed != null && DeliverySignatures.verify(signed, trusted);
        if (requireValidSignatures && !(sealOk && signedOk)) {
            throw SoapSupport.applicationFault(SIGNATURE_INVALID, "Signature verification failed", schema, violations);
        }
        SealedDelivery delivery;
        try {
            delivery = MESSAGE.createUnmarshaller().unmarshal(sealed, SealedDelivery.class).getValue();
        } catch (JAXBException e) {
            throw SoapSupport.clientFault("unreadable delivery");
        }
        SecureDelivery secure = delivery.getSignedDelivery().getDelivery();
        String recipient = secure.getHeader().getRecipient();
        Integer refusal = refused.get(recipient);
        if (refusal != null) {
            throw SoapSupport.applicationFault(refusal, "Recipient has no mailbox with this operator", schema, violations);
        }
        int[] fault = faultNext.getAndUpdate(f -> f == null || f[0] <= 1 ? null : new int[]{f[0] - 1, f[1]});
        if (fault != null) {
            throw SoapSupport.applicationFault(fault[1], "Simulated fault " + fault[1], schema, violations);
        }
        String reference = secure.getHeader().getReference();
        SecureMessage message = secure.getMessage().get(0);
        List<ReceivedDelivery.ReceivedAttachment> attachments = new ArrayList<>();
        for (Attachment a : message.getAttachment()) {
            attachments.add(new ReceivedDelivery.ReceivedAttachment(a.getFilename(), a.getContentType(), a.getChecksum(),
                    md5(a.getBody()).equalsIgnoreCase(a.getChecksum()), a.getBody().length));
        }
        ReceivedDelivery received = new ReceivedDelivery(UUID.randomUUID().toString(), secure.getHeader().getSender().getId(),
                recipient, reference, secure.getHeader().getCorrelationId(), message.getHeader().getSubject(),
                new String(message.getBody().getBody(), StandardCharsets.UTF_8), List.copyOf(attachments), signedOk, sealOk);
        // deduplicated on Reference: the same letter again answers the first TransId and delivers nothing new
        if (reference == null || transIdByReference.putIfAbsent(reference, received.transId()) == null) {
            deliveries.add(received);
            return received;
        }
        return new ReceivedDelivery(transIdByReference.get(reference), null, recipient, reference, null, null, null,
                List.of(), signedOk, sealOk);
    }

    private static Element firstElement(Element parent) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                return e;
            }
        }
        return null;
    }

    private static String md5(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @WebServiceProvider(targetNamespace = "http://minameddelanden.gov.se/Service", serviceName = "Service",
            portName = "ServicePort-v3")
    @ServiceMode(Service.Mode.PAYLOAD)
    final class ServiceProvider implements Provider<DOMSource> {
        @Override
        public DOMSource invoke(DOMSource request) {
            Element wrapper = SoapSupport.validatedRequest(request, schema, violations);
            ReceivedDelivery received = accept(wrapper);
            DeliveryResult result = new DeliveryResult();
            result.setTransId(received.transId());
            DeliveryStatus status = new DeliveryStatus();
            status.setRecipientId(received.recipient());
            status.setDelivered(true);
            result.getStatus().add(status);
            DeliverSecureResponse response = new DeliverSecureResponse();
            response.setReturn(result);
            return SoapSupport.validatedAnswer(SERVICE, response, schema, violations);
        }
    }
}
