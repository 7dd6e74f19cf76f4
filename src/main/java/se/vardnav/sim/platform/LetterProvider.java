package se.vardnav.sim.platform;

import ca.uhn.fhir.rest.annotation.ConditionalUrlParam;
import ca.uhn.fhir.rest.annotation.Create;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.ResourceParam;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.annotation.Update;
import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Identifier;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The platform's letters: Communications the hub writes by conditional update on its letter id
 * ({@code PUT Communication?identifier=system|value}). Each letter is stored once; writes are counted.
 */
final class LetterProvider implements IResourceProvider {
    private final Map<String, Communication> byKey = new LinkedHashMap<>();
    private final AtomicInteger writes = new AtomicInteger();
    private final PlatformState faults;

    LetterProvider(PlatformState faults) {
        this.faults = faults;
    }

    @Override
    public Class<Communication> getResourceType() {
        return Communication.class;
    }

    @Create
    public synchronized MethodOutcome create(@ResourceParam Communication letter) {
        faults.beforeRead(); // the delay; appointment-specific failure rules do not apply to letters
        return store(key(letter), letter);
    }

    @Update
    public synchronized MethodOutcome update(@IdParam(optional = true) IdType id, @ResourceParam Communication letter,
                                             @ConditionalUrlParam String conditional) {
        faults.beforeRead();
        if (conditional == null) {
            throw new InvalidRequestException("letters are written by conditional update on the hub's letter id");
        }
        Identifier key = AppointmentProvider.identifierOf(conditional);
        return store(key.getSystem() + "|" + key.getValue(), letter);
    }

    @Search
    public synchronized List<Communication> all() {
        return byKey.values().stream().map(Communication::copy).toList();
    }

    private MethodOutcome store(String key, Communication letter) {
        Communication previous = byKey.get(key);
        String id = previous == null ? "letter-" + (byKey.size() + 1) : previous.getIdElement().getIdPart();
        Communication copy = letter.copy();
        copy.setId(new IdType("Communication", id));
        byKey.put(key, copy);
        writes.incrementAndGet();
        MethodOutcome outcome = new MethodOutcome(copy.getIdElement(), previous == null);
        outcome.setResource(copy);
        return outcome;
    }

    private static String key(Communication c) {
        return c.getIdentifier().isEmpty() ? "anon-" + System.nanoTime()
                : c.getIdentifierFirstRep().getSystem() + "|" + c.getIdentifierFirstRep().getValue();
    }

    synchronized List<Communication> letters() {
        return new ArrayList<>(byKey.values().stream().map(Communication::copy).toList());
    }

    int writeCount() {
        return writes.get();
    }

    synchronized void reset() {
        byKey.clear();
        writes.set(0);
    }
}
