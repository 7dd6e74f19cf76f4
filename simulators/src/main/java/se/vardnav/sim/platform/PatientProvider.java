package se.vardnav.sim.platform;

import ca.uhn.fhir.rest.annotation.RequiredParam;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import org.hl7.fhir.r4.model.Patient;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The platform's account holders: {@code GET Patient?identifier=system|value}, answered from the search cache as a standard server does. */
final class PatientProvider implements IResourceProvider {
    private final Map<String, Patient> accounts = new ConcurrentHashMap<>();
    private final SearchCache cache;

    PatientProvider(SearchCache cache) {
        this.cache = cache;
    }

    @Override
    public Class<Patient> getResourceType() {
        return Patient.class;
    }

    @Search
    public List<Patient> byIdentifier(@RequiredParam(name = Patient.SP_IDENTIFIER) TokenParam identifier, RequestDetails request) {
        return cache.search(request, () -> {
            Patient p = accounts.get(identifier.getValue());
            return p == null ? List.of() : List.of(p.copy());
        });
    }

    void put(String personId, Patient account) {
        accounts.put(personId, account);
    }

    Patient get(String personId) {
        return accounts.get(personId);
    }

    void reset() {
        accounts.clear();
    }
}
