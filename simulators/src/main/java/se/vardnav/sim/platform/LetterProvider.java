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
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import org.hl7.fhir.r4.model.Attachment;
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
 * ({@code PUT Communication?identifier=system|value}), their PDFs Binaries referred to by url. Each letter is
 * stored once; writes are counted.
 */
final class LetterProvider implements IResourceProvider {
    private final Map<String, Communication> byKey = new LinkedHashMap<>();
    private final AtomicInteger writes = new AtomicInteger();
    private final PlatformState faults;
    private final BinaryProvider binaries;

    LetterProvider(PlatformState faults, BinaryProvider binaries) {
        this.faults = faults;
        this.binaries = binaries;
    }

    @Override
    public Class<Communication> getResourceType() {
        return Communication.class;
    }

    @Create
    public synchronized MethodOutcome create(@ResourceParam Communication letter) {
        faults.beforeLetterWrite(inlineBytes(letter), true); // appointment-specific failure rules do not apply to letters
        checkAttachments(letter);
        return store(key(letter), letter);
    }

    @Update
    public synchronized MethodOutcome update(@IdParam(optional = true) IdType id, @ResourceParam Communication letter,
                                             @ConditionalUrlParam String conditional) {
        faults.beforeLetterWrite(inlineBytes(letter), true);
        checkAttachments(letter);
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

    /**
     * The platform's letter contract: each PDF is a Binary the platform already has, referred to by the attachment's
     * {@code url} ({@code Binary/<id>}) with the same content type and size; content inline is refused (the platform
     * stores documents once, as Binaries, and a base64 letter of 80 MB is one request no timeout fits).
     */
    private void checkAttachments(Communication letter) {
        int n = 0;
        for (Communication.CommunicationPayloadComponent p : letter.getPayload()) {
            if (!(p.getContent() instanceof Attachment a)) {
                continue;
            }
            int index = ++n;
            if (a.hasData()) {
                throw new UnprocessableEntityException("attachment " + n + ": content inline is not accepted; store it as a Binary and give its url");
            }
            String url = a.getUrl() == null ? "" : a.getUrl();
            if (!url.startsWith("Binary/")) {
                throw new UnprocessableEntityException("attachment " + n + ": url must be Binary/<id>");
            }
            PlatformBinary b = binaries.find(url.substring("Binary/".length()))
                    .orElseThrow(() -> new UnprocessableEntityException("attachment " + index + ": " + url + " is not on the platform"));
            if (!java.util.Objects.equals(b.contentType(), a.getContentType()) || (a.hasSize() && a.getSize() != b.size())) {
                throw new UnprocessableEntityException("attachment " + n + ": content type or size differs from " + url);
            }
        }
    }

    private static long inlineBytes(Communication letter) {
        return letter.getPayload().stream().filter(p -> p.getContent() instanceof Attachment a && a.hasData())
                .mapToLong(p -> ((Attachment) p.getContent()).getData().length).sum();
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
