package se.vardnav.sim.platform;

import ca.uhn.fhir.rest.annotation.Create;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.RequiredParam;
import ca.uhn.fhir.rest.annotation.ResourceParam;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.annotation.Update;
import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import org.hl7.fhir.instance.model.api.IAnyResource;
import org.hl7.fhir.r4.model.Binary;
import org.hl7.fhir.r4.model.IdType;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The platform's Binaries (a letter's PDFs): {@code PUT Binary/<id>} with the raw content as body (or FHIR JSON),
 * the security context from {@code X-Security-Context}, as HAPI's server takes them; {@code Binary?_id=}.
 * Only a digest is kept, not the content, so a benchmark's letters do not fill the heap.
 */
final class BinaryProvider implements IResourceProvider {
    private final Map<String, PlatformBinary> byId = new ConcurrentHashMap<>();
    private final AtomicInteger writes = new AtomicInteger();
    private final AtomicInteger nextId = new AtomicInteger(1);
    private final PlatformState faults;
    private final SearchCache cache;

    BinaryProvider(PlatformState faults, SearchCache cache) {
        this.faults = faults;
        this.cache = cache;
    }

    @Override
    public Class<Binary> getResourceType() {
        return Binary.class;
    }

    @Create
    public MethodOutcome create(@ResourceParam Binary binary) {
        return store("bin-" + nextId.getAndIncrement(), binary);
    }

    @Update
    public MethodOutcome update(@IdParam IdType id, @ResourceParam Binary binary) {
        if (id == null || !id.hasIdPart()) {
            throw new InvalidRequestException("PUT Binary needs an id");
        }
        return store(id.getIdPart(), binary);
    }

    @Search
    public List<Binary> byId(@RequiredParam(name = IAnyResource.SP_RES_ID) TokenParam id, RequestDetails request) {
        return cache.search(request, () -> Optional.ofNullable(byId.get(id.getValue())).map(BinaryProvider::described).stream().toList());
    }

    private MethodOutcome store(String id, Binary binary) {
        byte[] content = binary.getContent() == null ? new byte[0] : binary.getContent();
        faults.beforeLetterWrite(content.length, false);
        String context = binary.hasSecurityContext() ? binary.getSecurityContext().getReference() : null;
        PlatformBinary previous = byId.put(id, new PlatformBinary(id, binary.getContentType(), content.length, sha256(content), context));
        writes.incrementAndGet();
        return new MethodOutcome(new IdType("Binary", id), previous == null);
    }

    /** The Binary without its content (the simulator keeps none). */
    private static Binary described(PlatformBinary s) {
        Binary b = new Binary();
        b.setId(new IdType("Binary", s.id()));
        b.setContentType(s.contentType());
        return b;
    }

    Optional<PlatformBinary> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    List<PlatformBinary> all() {
        return List.copyOf(byId.values());
    }

    int writeCount() {
        return writes.get();
    }

    void reset() {
        byId.clear();
        writes.set(0);
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
