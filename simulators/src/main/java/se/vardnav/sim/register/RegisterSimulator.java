package se.vardnav.sim.register;

import org.apache.cxf.binding.soap.SoapFault;
import org.apache.cxf.interceptor.Fault;
import riv.strategicresourcemanagement.persons.person._5.DeceasedType;
import riv.strategicresourcemanagement.persons.person._5.IIType;
import riv.strategicresourcemanagement.persons.person._5.LookupProfileType;
import riv.strategicresourcemanagement.persons.person._5.PersonRecordType;
import riv.strategicresourcemanagement.persons.person._5.RelationType;
import riv.strategicresourcemanagement.persons.person._5.RelationsType;
import riv.strategicresourcemanagement.persons.person._5.RequestedPersonRecordType;
import riv.strategicresourcemanagement.persons.person.getpersonsforprofile._5.rivtabp21.GetPersonsForProfileResponderInterface;
import se.vardnav.sim.SoapServer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A population register (PU, GetPersonsForProfile 5) speaking real SOAP on its own loopback port.
 * Everyone exists and is unremarkable unless marked otherwise, so a simulator run looks like a
 * normal register. Endpoint: {@code http://127.0.0.1:<port>/population-register/GetPersonsForProfile}.
 */
public final class RegisterSimulator implements AutoCloseable {
    public static final String CONTEXT_PATH = "/population-register";
    public static final String SERVICE_PATH = "/GetPersonsForProfile";

    private final Set<String> protectedPersons = ConcurrentHashMap.newKeySet();
    private final Set<String> protectedRecords = ConcurrentHashMap.newKeySet();
    private final Set<String> deceased = ConcurrentHashMap.newKeySet();
    private final Set<String> emigrated = ConcurrentHashMap.newKeySet();
    private final Set<String> unknown = ConcurrentHashMap.newKeySet();
    private final java.util.Map<String, List<String>> guardians = new ConcurrentHashMap<>();
    private final AtomicInteger lookups = new AtomicInteger();
    private volatile Duration delay = Duration.ZERO;
    private volatile boolean serverError;

    private final SoapServer server;

    public RegisterSimulator(int port) {
        server = new SoapServer(port, CONTEXT_PATH, SERVICE_PATH, GetPersonsForProfileResponderInterface.class, new Responder());
    }

    public RegisterSimulator start() {
        server.start();
        return this;
    }

    public int port() {
        return server.port();
    }

    public String endpointUrl() {
        return server.endpointUrl();
    }

    public void markProtected(String id) { protectedPersons.add(id); }

    public void markProtectedPopulationRecord(String id) { protectedRecords.add(id); }

    public void markDeceased(String id) { deceased.add(id); }

    public void markEmigrated(String id) { emigrated.add(id); }

    /** The register does not know this person: the answer carries no personRecord. */
    public void markUnknown(String id) { unknown.add(id); }

    /** The child's registered guardians (vårdnadshavare), personnummer; replaces earlier ones. */
    public void setGuardians(String child, String... guardianIds) { guardians.put(child, List.of(guardianIds)); }

    /** Forgets all marks and the failure mode; the lookup count is kept. */
    public void clear() {
        protectedPersons.clear();
        protectedRecords.clear();
        deceased.clear();
        emigrated.clear();
        unknown.clear();
        guardians.clear();
        delay = Duration.ZERO;
        serverError = false;
    }

    /** Each answer waits this long first (to exceed a client's receive timeout). */
    public void setDelay(Duration delay) { this.delay = delay; }

    /** Refused connections until {@link #comeUp()}. */
    public void goDown() { server.goDown(); }

    public void comeUp() { server.comeUp(); }

    /** Answer every request with a SOAP server fault (HTTP 500). */
    public void failWithServerError(boolean fail) { this.serverError = fail; }

    /** Requests answered successfully (faults not counted): lets tests see the client cache work. */
    public int lookups() { return lookups.get(); }

    @Override
    public void close() {
        server.close();
    }

    private final class Responder implements GetPersonsForProfileResponderInterface {
        @Override
        public List<RequestedPersonRecordType> getPersonsForProfile(List<IIType> personIds, LookupProfileType profile,
                                                                    Boolean ignoreReferredIdentity) {
            pause();
            if (serverError) {
                throw new SoapFault("register temporarily unavailable", Fault.FAULT_CODE_SERVER);
            }
            List<RequestedPersonRecordType> answer = new ArrayList<>();
            for (IIType personId : personIds) {
                RequestedPersonRecordType requested = new RequestedPersonRecordType();
                requested.setRequestedPersonalIdentity(personId);
                if (!unknown.contains(personId.getExtension())) {
                    requested.setPersonRecord(record(personId));
                }
                answer.add(requested);
            }
            lookups.incrementAndGet();
            return answer;
        }

        private PersonRecordType record(IIType personId) {
            String id = personId.getExtension();
            PersonRecordType record = new PersonRecordType();
            IIType identity = new IIType();
            identity.setRoot(personId.getRoot());
            identity.setExtension(id);
            record.setPersonalIdentity(identity);
            record.setProtectedPersonIndicator(protectedPersons.contains(id));
            record.setProtectedPopulationRecord(protectedRecords.contains(id));
            record.setTestIndicator(true);
            DeceasedType dead = new DeceasedType();
            dead.setDeceasedFlag(deceased.contains(id));
            record.setDeceased(dead);
            record.setEmigrated(emigrated.contains(id));
            List<String> theirs = guardians.getOrDefault(id, List.of());
            if (!theirs.isEmpty()) {
                RelationsType relations = new RelationsType();
                for (String guardian : theirs) {
                    RelationType relation = new RelationType();
                    relation.setRelationType("V");
                    IIType gid = new IIType();
                    gid.setRoot(personId.getRoot());
                    gid.setExtension(guardian);
                    relation.setRelationId(gid);
                    relations.getRelation().add(relation);
                }
                record.setRelations(relations);
            }
            return record;
        }

        private void pause() {
            Duration d = delay;
            if (d.isZero() || d.isNegative()) {
                return;
            }
            try {
                Thread.sleep(d.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
