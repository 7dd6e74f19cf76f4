package se.vardnav.connector.register;

import se.vardnav.connector.cxf.CxfFailures;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
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
import riv.strategicresourcemanagement.persons.person._5.IIType;
import riv.strategicresourcemanagement.persons.person._5.LookupProfileType;
import riv.strategicresourcemanagement.persons.person._5.PersonRecordType;
import riv.strategicresourcemanagement.persons.person._5.RequestedPersonRecordType;
import riv.strategicresourcemanagement.persons.person.getpersonsforprofile._5.rivtabp21.GetPersonsForProfileResponderInterface;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * GetPersonsForProfile (RIV-TA, profile P1) over SOAP 1.1 with CXF. The proxy is configured once
 * and never mutated per call, so one instance is safe to share between threads. Successful answers
 * are cached briefly; failures never are, so a register that comes back is used at once.
 * Authentication (mutual TLS via the service platform) is conduit/bus configuration, not code here.
 */
public final class CxfPopulationRegister implements PopulationRegister, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CxfPopulationRegister.class);
    private static final long CACHE_MAX_SIZE = 100_000;
    /** PU relation type for vårdnadshavare (guardian). */
    public static final String GUARDIAN = "V";

    private final Bus bus;
    private final GetPersonsForProfileResponderInterface port;
    private final Cache<String, RegisterFacts> cache;

    public CxfPopulationRegister(String endpointUrl, Duration connectTimeout, Duration receiveTimeout,
                                 Duration cacheTtl) {
        Objects.requireNonNull(endpointUrl, "endpointUrl");
        // Own bus: a simulator or another connector shutting down its bus must not take ours with it.
        bus = BusFactory.newInstance().createBus();
        JaxWsProxyFactoryBean factory = new JaxWsProxyFactoryBean();
        factory.setBus(bus);
        factory.setServiceClass(GetPersonsForProfileResponderInterface.class);
        factory.setAddress(endpointUrl);
        port = factory.create(GetPersonsForProfileResponderInterface.class);

        Client client = ClientProxy.getClient(port);
        HTTPClientPolicy policy = new HTTPClientPolicy();
        policy.setConnectionTimeout(connectTimeout.toMillis());
        policy.setReceiveTimeout(receiveTimeout.toMillis());
        ((HTTPConduit) client.getConduit()).setClient(policy);

        cache = Caffeine.newBuilder().expireAfterWrite(cacheTtl).maximumSize(CACHE_MAX_SIZE).build();
    }

    @Override
    public RegisterFacts lookup(String identifierSystemOid, String id) {
        Objects.requireNonNull(identifierSystemOid, "identifierSystemOid");
        Objects.requireNonNull(id, "id");
        String key = identifierSystemOid + '|' + id;
        RegisterFacts cached = cache.getIfPresent(key);
        if (cached != null) {
            return cached;
        }
        // Not cache.get(key, loader): a slow register would hold the map bin locked for other ids.
        RegisterFacts facts = fetch(identifierSystemOid, id);
        cache.put(key, facts);
        return facts;
    }

    private RegisterFacts fetch(String root, String id) {
        IIType personId = new IIType();
        personId.setRoot(root);
        personId.setExtension(id);
        List<RequestedPersonRecordType> answer;
        try {
            answer = port.getPersonsForProfile(List.of(personId), LookupProfileType.P_1, null);
        } catch (RuntimeException e) {
            LOG.warn("register lookup failed: {}", e.getClass().getSimpleName());
            throw translate(e);
        }
        return toFacts(answer);
    }

    /**
     * We ask for exactly one person, so any record in the answer is theirs. Not matching on the echoed
     * identity is deliberate: a peer that normalises it differently must not turn "protected" into
     * "not found".
     */
    static RegisterFacts toFacts(List<RequestedPersonRecordType> answer) {
        if (answer != null) {
            for (RequestedPersonRecordType requested : answer) {
                if (requested.getPersonRecord() != null) {
                    return toFacts(requested.getPersonRecord());
                }
            }
        }
        return RegisterFacts.notFound();
    }

    private static RegisterFacts toFacts(PersonRecordType record) {
        return new RegisterFacts(
                record.isProtectedPersonIndicator(),
                Boolean.TRUE.equals(record.isProtectedPopulationRecord()),
                record.getDeceased() != null && record.getDeceased().isDeceasedFlag(),
                Boolean.TRUE.equals(record.isEmigrated()),
                true,
                guardians(record));
    }

    /** Relations of type V (vårdnadshavare) that name the guardian; other relations are not read. */
    private static List<RegisterFacts.PersonRef> guardians(PersonRecordType record) {
        if (record.getRelations() == null) {
            return List.of();
        }
        return record.getRelations().getRelation().stream()
                .filter(r -> GUARDIAN.equals(r.getRelationType()) && r.getRelationId() != null
                        && r.getRelationId().getExtension() != null && !r.getRelationId().getExtension().isBlank())
                .map(r -> new RegisterFacts.PersonRef(r.getRelationId().getRoot(), r.getRelationId().getExtension()))
                .toList();
    }

    /**
     * Transient failures become {@link RegisterUnavailableException}; a client fault or HTTP 4xx means
     * our request or configuration is wrong, which retrying does not fix. Fault strings are dropped
     * (a peer may echo the personnummer in them), so only transport causes are kept.
     */
    private static RuntimeException translate(RuntimeException e) {
        if (e instanceof SOAPFaultException fault) {
            String code = fault.getFault() == null ? "" : fault.getFault().getFaultCodeAsQName().getLocalPart();
            if ("Server".equals(code) || "Receiver".equals(code)) {
                return new RegisterUnavailableException("register answered a server fault");
            }
            return new IllegalStateException("register rejected the lookup: SOAP fault " + code);
        }
        Integer status = CxfFailures.httpStatus(e);
        if (status != null && status >= 400 && status < 500) {
            return new IllegalStateException("register rejected the lookup: HTTP " + status);
        }
        if (e instanceof WebServiceException) {
            return new RegisterUnavailableException("register unavailable: " + CxfFailures.rootCauseName(e), e);
        }
        return e;
    }

    @Override
    public void close() {
        bus.shutdown(false);
    }
}
