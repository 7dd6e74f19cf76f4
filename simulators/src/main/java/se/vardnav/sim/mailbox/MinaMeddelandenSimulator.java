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
import se.gov.minameddelanden.schema.recipient.AccountStatus;
import se.gov.minameddelanden.schema.recipient.AccountTypes;
import se.gov.minameddelanden.schema.recipient.ReachabilityStatus;
import se.gov.minameddelanden.schema.recipient.ServiceSupplier;
import se.gov.minameddelanden.schema.recipient.v3.IsReachable;
import se.gov.minameddelanden.schema.recipient.v3.IsReachableResponse;
import se.vardnav.sim.EmbeddedHttpServer;

import javax.xml.transform.dom.DOMSource;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Mina meddelanden for tests and the demo: the Recipient service ({@code isReachable},
 * RecipientPort-v3) on its own loopback port, plus one {@link OperatorSimulator} per mailbox
 * operator, each on its own port (its ServiceAdress). Everyone is "not reachable" (Type Not) unless
 * set otherwise. It answers as the published contract (connectors/mailbox/my-messages/) allows —
 * ServiceSupplier with its required InternalServiceAdress, LastRegistration and LastSenderAcceptChange —
 * and checks every request it receives and every answer it gives against the published schemas;
 * {@link #violations()} lists what did not validate (tests assert it stays empty).
 * Recipient service: {@code http://127.0.0.1:<port>/minameddelanden/Recipient}.
 */
public final class MinaMeddelandenSimulator implements AutoCloseable {
    public static final String CONTEXT_PATH = "/minameddelanden";
    public static final String RECIPIENT_PATH = "/Recipient";
    private static final JAXBContext RECIPIENT = context();

    /** How the Recipient service answers for one person. */
    public enum Status { REACHABLE, PENDING, SENDER_NOT_ACCEPTED, NO_SERVICE_ADDRESS, ANONYMOUS, NOT }

    private record Entry(Status status, String operatorId) {}

    private final MailboxSchema schema;
    private final se.vardnav.sim.ServerTls tls;
    private final Bus bus;
    private final GatedServlet gate;
    private final EmbeddedHttpServer server;
    private final Map<String, Entry> recipients = new ConcurrentHashMap<>();
    private final Map<String, OperatorSimulator> operators = new java.util.concurrent.ConcurrentSkipListMap<>();
    private final List<String> violations = new CopyOnWriteArrayList<>();
    private final List<String> payloads = new CopyOnWriteArrayList<>();
    private final java.util.concurrent.atomic.AtomicReference<Integer> faultNext = new java.util.concurrent.atomic.AtomicReference<>();
    private volatile Entry fallback = new Entry(Status.NOT, null);

    public MinaMeddelandenSimulator(int port) {
        this(port, null);
    }

    /** @param tls serve HTTPS and require a client certificate the trust store accepts (null: plain HTTP) */
    public MinaMeddelandenSimulator(int port, se.vardnav.sim.ServerTls tls) {
        this.schema = MailboxSchema.load();
        this.tls = tls;
        bus = BusFactory.newInstance().createBus();
        new EndpointImpl(bus, new RecipientProvider()).publish(RECIPIENT_PATH);
        CXFNonSpringServlet servlet = new CXFNonSpringServlet();
        servlet.setBus(bus);
        gate = new GatedServlet(servlet, payloads);
        server = new EmbeddedHttpServer(port, CONTEXT_PATH, "/*", gate, tls);
    }

    public MinaMeddelandenSimulator start() {
        server.start();
        return this;
    }

    public String recipientUrl() {
        return (tls == null ? "http" : "https") + "://127.0.0.1:" + server.port() + CONTEXT_PATH + RECIPIENT_PATH;
    }

    /** Adds and starts an operator's Service endpoint on a free port. */
    public OperatorSimulator addOperator(String id, String name) {
        return addOperator(id, name, 0);
    }

    public OperatorSimulator addOperator(String id, String name, int port) {
        return addOperator(id, name, port, null);
    }

    /** An operator whose Service endpoint serves HTTPS with client authentication. */
    public OperatorSimulator addOperator(String id, String name, int port, se.vardnav.sim.ServerTls tls) {
        OperatorSimulator operator = new OperatorSimulator(id, name, port, schema, tls).start();
        OperatorSimulator previous = operators.put(id, operator);
        if (previous != null) {
            previous.close();
        }
        return operator;
    }

    public OperatorSimulator operator(String id) {
        OperatorSimulator operator = operators.get(id);
        if (operator == null) {
            throw new IllegalArgumentException("no operator " + id);
        }
        return operator;
    }

    public Collection<OperatorSimulator> operators() {
        return List.copyOf(operators.values());
    }

    public void reachableVia(String recipientId, String operatorId) { set(recipientId, Status.REACHABLE, operatorId); }

    public void pending(String recipientId, String operatorId) { set(recipientId, Status.PENDING, operatorId); }

    public void senderNotAccepted(String recipientId, String operatorId) { set(recipientId, Status.SENDER_NOT_ACCEPTED, operatorId); }

    /** A Secure account whose operator entry lacks a ServiceAdress. */
    public void withoutServiceAddress(String recipientId, String operatorId) { set(recipientId, Status.NO_SERVICE_ADDRESS, operatorId); }

    public void anonymous(String recipientId) { set(recipientId, Status.ANONYMOUS, null); }

    public void notReachable(String recipientId) { set(recipientId, Status.NOT, null); }

    /** How people not set individually are answered (default: Type Not); the demo makes everyone reachable. */
    public void everyoneElse(Status status, String operatorId) {
        if (operatorId != null) {
            operator(operatorId);
        }
        fallback = new Entry(status, operatorId);
    }

    private void set(String recipientId, Status status, String operatorId) {
        if (operatorId != null) {
            operator(operatorId);
        }
        recipients.put(recipientId, new Entry(status, operatorId));
    }

    /** The Recipient service refuses connections until {@link #comeUp()}. */
    public void goDown() { server.goDown(); }

    public void comeUp() { server.comeUp(); }

    /** The next n isReachable requests get HTTP 503. */
    public void failNext(int n) { gate.failNext(n); }

    /** The next isReachable request is answered with an applicationFault with this ErrorCode. */
    public void faultNext(int errorCode) { faultNext.set(errorCode); }

    public void setDelay(Duration delay) { gate.setDelay(delay); }

    /** isReachable requests that reached the simulator. */
    public int recipientRequests() { return gate.requests(); }

    /** Every isReachable HTTP request body as received (the SOAP envelope). */
    public List<String> receivedPayloads() { return List.copyOf(payloads); }

    /** Requests received and answers given that did not validate against the published schemas, with why. */
    public List<String> violations() { return List.copyOf(violations); }

    /** This simulator's violations and every operator's. */
    public List<String> allViolations() {
        List<String> all = new java.util.ArrayList<>(violations);
        operators.values().forEach(o -> o.violations().forEach(v -> all.add(o.id() + ": " + v)));
        return all;
    }

    /** Forgets recipients and controls, and clears every operator (which stay registered). */
    public void clear() {
        recipients.clear();
        violations.clear();
        payloads.clear();
        faultNext.set(null);
        fallback = new Entry(Status.NOT, null);
        gate.clear();
        server.comeUp();
        operators.values().forEach(OperatorSimulator::clear);
    }

    @Override
    public void close() {
        operators.values().forEach(OperatorSimulator::close);
        server.close();
        bus.shutdown(false);
    }

    private ReachabilityStatus status(String recipientId) {
        Entry entry = recipients.getOrDefault(recipientId, fallback);
        AccountStatus account = new AccountStatus();
        account.setRecipientId(recipientId);
        account.setPending(entry.status() == Status.PENDING);
        account.setType(switch (entry.status()) {
            case NOT -> AccountTypes.NOT;
            case ANONYMOUS -> AccountTypes.ANONYMOUS;
            default -> AccountTypes.SECURE;
        });
        if (entry.operatorId() != null) {
            OperatorSimulator operator = operators.get(entry.operatorId());
            ServiceSupplier supplier = new ServiceSupplier();
            supplier.setId(operator.id());
            supplier.setName(operator.name());
            // ServiceAdress is required by the contract: "no address" is an empty one
            supplier.setServiceAdress(entry.status() == Status.NO_SERVICE_ADDRESS ? "" : operator.serviceAddress());
            supplier.setUIAdress("https://mailbox.example/" + operator.id());
            supplier.setInternalServiceAdress(operator.serviceAddress());
            account.setServiceSupplier(supplier);
            account.setLastRegistration(LAST_CHANGE);
        }
        ReachabilityStatus status = new ReachabilityStatus();
        status.setAccountStatus(account);
        status.setSenderAccepted(entry.status() != Status.SENDER_NOT_ACCEPTED && entry.status() != Status.NOT);
        status.setLastSenderAcceptChange(LAST_CHANGE);
        return status;
    }

    /** The optional dateTimes a real answer may carry: a fixed past instant. */
    private static final javax.xml.datatype.XMLGregorianCalendar LAST_CHANGE = lastChange();

    private static javax.xml.datatype.XMLGregorianCalendar lastChange() {
        try {
            return javax.xml.datatype.DatatypeFactory.newInstance().newXMLGregorianCalendar("2025-03-14T09:26:53Z");
        } catch (javax.xml.datatype.DatatypeConfigurationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private static JAXBContext context() {
        try {
            return JAXBContext.newInstance(se.gov.minameddelanden.schema.recipient.v3.ObjectFactory.class);
        } catch (JAXBException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @WebServiceProvider(targetNamespace = "http://minameddelanden.gov.se/Recipient", serviceName = "Recipient",
            portName = "RecipientPort-v3")
    @ServiceMode(Service.Mode.PAYLOAD)
    final class RecipientProvider implements Provider<DOMSource> {
        @Override
        public DOMSource invoke(DOMSource request) {
            Element element = SoapSupport.validatedRequest(request, schema, violations);
            Integer code = faultNext.getAndSet(null);
            if (code != null) {
                throw SoapSupport.applicationFault(code, "Simulated fault " + code, schema, violations);
            }
            IsReachable query;
            try {
                query = RECIPIENT.createUnmarshaller().unmarshal(element, IsReachable.class).getValue();
            } catch (JAXBException e) {
                throw SoapSupport.clientFault("unreadable request");
            }
            IsReachableResponse response = new IsReachableResponse();
            for (String id : query.getRecipientId()) {
                response.getReturn().add(status(id));
            }
            return SoapSupport.validatedAnswer(RECIPIENT, response, schema, violations);
        }
    }
}
