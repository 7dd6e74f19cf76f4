package se.vardnav.connector.mailbox.minameddelanden;

import se.vardnav.connector.cxf.CxfFailures;
import jakarta.xml.ws.WebServiceException;
import jakarta.xml.ws.soap.SOAPFaultException;
import org.apache.cxf.Bus;
import org.apache.cxf.BusFactory;
import org.apache.cxf.endpoint.Client;
import org.apache.cxf.frontend.ClientProxy;
import org.apache.cxf.jaxws.JaxWsProxyFactoryBean;
import org.apache.cxf.transport.http.HTTPConduit;
import org.apache.cxf.transports.http.configuration.HTTPClientPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.apache.cxf.configuration.jsse.TLSClientParameters;
import se.gov.minameddelanden.recipient.ApplicationFaultV3;
import se.gov.minameddelanden.recipient.RecipientPortV3;
import se.gov.minameddelanden.schema.common.v3.ExceptionInformation;
import se.gov.minameddelanden.schema.recipient.AccountStatus;
import se.gov.minameddelanden.schema.recipient.AccountTypes;
import se.gov.minameddelanden.schema.recipient.ReachabilityStatus;
import se.gov.minameddelanden.schema.recipient.ServiceSupplier;
import se.vardnav.connector.mailbox.MailboxDirectory;
import se.vardnav.connector.mailbox.MailboxFault;
import se.vardnav.connector.mailbox.MailboxFaultPolicy;
import se.vardnav.connector.mailbox.MailboxTls;
import se.vardnav.connector.mailbox.MailboxUnavailableException;
import se.vardnav.connector.mailbox.Reachability;

import javax.net.ssl.SSLContext;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The Mina meddelanden Recipient service ({@code isReachable}, RecipientPort-v3) through the port
 * CXF generates from the published Recipient.wsdl ({@link RecipientPortV3}), reduced to
 * {@link Reachability} by the common sender rule. Mutual TLS with {@code vardnav.mailbox.recipient-tls}.
 * The under-18 rule is not applied here: the answer says nothing about age, the letter flow knows it.
 */
public final class CxfMailboxDirectory implements MailboxDirectory, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CxfMailboxDirectory.class);
    private static final Pattern ORG_NR = Pattern.compile("\\d{10}");

    private final Bus bus;
    private final RecipientPortV3 port;
    private final String senderOrgNr16;
    private final MailboxFaultPolicy faults;

    /**
     * @param senderOrgNr the region's organisation number, 10 digits (with or without hyphen); sent prefixed with 16
     */
    public CxfMailboxDirectory(String recipientUrl, String senderOrgNr, Duration connectTimeout, Duration receiveTimeout) {
        this(recipientUrl, senderOrgNr, connectTimeout, receiveTimeout, null, null);
    }

    /**
     * @param tls    client certificate and trusted CAs for the Recipient service (null: the JVM's defaults)
     * @param faults which applicationFault ErrorCodes are transient (null: none)
     */
    public CxfMailboxDirectory(String recipientUrl, String senderOrgNr, Duration connectTimeout, Duration receiveTimeout,
                               MailboxTls tls, MailboxFaultPolicy faults) {
        Objects.requireNonNull(recipientUrl, "recipientUrl");
        this.senderOrgNr16 = orgNr16(senderOrgNr);
        this.faults = faults == null ? MailboxFaultPolicy.allPermanent() : faults;
        bus = BusFactory.newInstance().createBus();
        JaxWsProxyFactoryBean factory = new JaxWsProxyFactoryBean();
        factory.setBus(bus);
        factory.setServiceClass(RecipientPortV3.class);
        factory.setAddress(recipientUrl);
        port = factory.create(RecipientPortV3.class);
        Client client = ClientProxy.getClient(port);
        HTTPClientPolicy policy = new HTTPClientPolicy();
        policy.setConnectionTimeout(connectTimeout.toMillis());
        policy.setReceiveTimeout(receiveTimeout.toMillis());
        HTTPConduit conduit = (HTTPConduit) client.getConduit();
        conduit.setClient(policy);
        SSLContext ssl = tls == null ? null : tls.sslContext();
        if (ssl != null) {
            TLSClientParameters params = new TLSClientParameters();
            params.setSslContext(ssl);
            conduit.setTlsClientParameters(params);
        }
    }

    /** "2321000016" or "232100-0016" → "162321000016"; an already prefixed 12-digit number is kept. */
    public static String orgNr16(String orgNr) {
        String digits = orgNr == null ? "" : orgNr.replace("-", "").strip();
        if (digits.length() == 12 && digits.startsWith("16")) {
            return digits;
        }
        if (!ORG_NR.matcher(digits).matches()) {
            throw new IllegalArgumentException("sender organisation number must have 10 digits");
        }
        return "16" + digits;
    }

    @Override
    public Reachability isReachable(String personnummer) {
        List<ReachabilityStatus> answer;
        try {
            answer = port.isReachable(senderOrgNr16, List.of(personnummer));
        } catch (ApplicationFaultV3 e) {
            ExceptionInformation info = e.getFaultInfo();
            MailboxFault fault = info == null ? new MailboxFault(0, null, null)
                    : new MailboxFault(info.getErrorCode(), info.getDescription(), info.getCallId());
            LOG.warn("isReachable refused: {}", fault.summary());
            if (faults.isTransient(fault)) {
                throw new MailboxUnavailableException("recipient service: applicationFault " + fault.summary());
            }
            // our query or sender registration is wrong: retrying does not fix it (dead letter, with the code)
            throw new IllegalStateException("recipient service refused the query: applicationFault " + fault.summary());
        } catch (RuntimeException e) {
            LOG.warn("isReachable failed: {}", e.getClass().getSimpleName());
            throw translate(e);
        }
        return toReachability(answer, personnummer);
    }

    /** The common sender rule; the first reason that applies is the one given. */
    static Reachability toReachability(List<ReachabilityStatus> answer, String personnummer) {
        ReachabilityStatus status = pick(answer, personnummer);
        if (status == null || status.getAccountStatus() == null) {
            return Reachability.not(Reachability.NOT_IN_ANSWER);
        }
        AccountStatus account = status.getAccountStatus();
        if (account.getType() != AccountTypes.SECURE) {
            return Reachability.not(Reachability.NO_SECURE_MAILBOX);
        }
        if (!status.isSenderAccepted()) {
            return Reachability.not(Reachability.SENDER_NOT_ACCEPTED);
        }
        if (account.isPending()) {
            return Reachability.not(Reachability.PENDING);
        }
        ServiceSupplier supplier = account.getServiceSupplier();
        if (supplier == null || supplier.getId() == null) {
            return Reachability.not(Reachability.NO_OPERATOR);
        }
        if (supplier.getServiceAdress() == null || supplier.getServiceAdress().isBlank()) {
            return Reachability.not(Reachability.NO_SERVICE_ADDRESS);
        }
        return Reachability.reachable(supplier.getId(), supplier.getName(), supplier.getServiceAdress());
    }

    private static ReachabilityStatus pick(List<ReachabilityStatus> answer, String personnummer) {
        if (answer == null || answer.isEmpty()) {
            return null;
        }
        for (ReachabilityStatus s : answer) {
            if (s.getAccountStatus() != null && personnummer.equals(s.getAccountStatus().getRecipientId())) {
                return s;
            }
        }
        // one id asked for: a peer that echoes it differently (hyphen, 10 digits) still answered for it
        return answer.size() == 1 ? answer.get(0) : null;
    }

    private static RuntimeException translate(RuntimeException e) {
        if (e instanceof SOAPFaultException fault) {
            String code = fault.getFault() == null ? "" : fault.getFault().getFaultCodeAsQName().getLocalPart();
            if ("Server".equals(code) || "Receiver".equals(code)) {
                return new MailboxUnavailableException("recipient service answered a server fault");
            }
            return new IllegalStateException("recipient service rejected the query: SOAP fault " + code);
        }
        Integer status = CxfFailures.httpStatus(e);
        if (status != null && status >= 400 && status < 500 && status != 408 && status != 429) {
            return new IllegalStateException("recipient service rejected the query: HTTP " + status);
        }
        if (status != null) {
            return new MailboxUnavailableException("recipient service unavailable: HTTP " + status);
        }
        if (e instanceof WebServiceException) {
            return new MailboxUnavailableException("recipient service unavailable: " + CxfFailures.rootCauseName(e));
        }
        return e;
    }

    @Override
    public void close() {
        bus.shutdown(false);
    }
}
