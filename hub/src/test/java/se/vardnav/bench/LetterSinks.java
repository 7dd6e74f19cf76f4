package se.vardnav.bench;

import org.hl7.fhir.r4.model.Communication;
import se.vardnav.letter.LetterFhir;
import se.vardnav.sim.mailbox.KivraSimulator;
import se.vardnav.sim.mailbox.MinaMeddelandenSimulator;
import se.vardnav.sim.mailbox.OperatorSimulator;
import se.vardnav.sim.platform.PlatformSimulator;

import java.lang.reflect.Field;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps the in-process simulators from measuring themselves. For test assertions they keep every request:
 * the platform every Communication with its PDF, the SOAP simulators every request body as text, Kivra
 * every content body as a dedup key — 50,000 × 100 KiB would be gigabytes of simulator heap in the same
 * JVM as the hub. Every {@link #drain()} notes the platform's letter ids and then drops those stores
 * (by reflection: the simulators offer no "forget payloads only"). What the peers received is still
 * counted: platform letter ids here, Kivra contents and operator deliveries (small records) in the simulators.
 */
final class LetterSinks {
    private final Object platformLetters;
    private final Map<?, ?> platformByKey;
    private final Map<?, ?> kivraKeysByPayload;
    private final Collection<?> kivraRequests;
    private final Collection<?>[] soapPayloads;
    private final Set<String> atPlatform = ConcurrentHashMap.newKeySet();

    LetterSinks(PlatformSimulator platform, MinaMeddelandenSimulator mailboxes, KivraSimulator kivra) {
        platformLetters = field(platform, "letters");
        platformByKey = (Map<?, ?>) field(platformLetters, "byKey");
        kivraKeysByPayload = (Map<?, ?>) field(kivra, "keysByPayload");
        kivraRequests = (Collection<?>) field(kivra, "requests");
        var ops = mailboxes.operators();
        soapPayloads = new Collection<?>[ops.size() + 1];
        int i = 0;
        soapPayloads[i++] = (Collection<?>) field(mailboxes, "payloads");
        for (OperatorSimulator op : ops) {
            soapPayloads[i++] = (Collection<?>) field(op, "payloads");
        }
    }

    void drain() {
        synchronized (platformLetters) { // LetterProvider's own lock: no write is half done
            for (Object c : platformByKey.values()) {
                ((Communication) c).getIdentifier().stream().filter(id -> LetterFhir.HUB_LETTER_ID.equals(id.getSystem())).findFirst()
                        .ifPresent(id -> atPlatform.add(id.getValue()));
            }
            platformByKey.clear();
        }
        kivraKeysByPayload.clear();
        kivraRequests.clear();
        for (Collection<?> c : soapPayloads) {
            c.clear();
        }
    }

    /** Distinct hub letter ids the platform received (call {@link #drain()} first). */
    Set<String> atPlatform() {
        return atPlatform;
    }

    private static Object field(Object owner, String name) {
        try {
            Field f = owner.getClass().getDeclaredField(name);
            f.setAccessible(true);
            return f.get(owner);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("simulator field " + name + " not found: update LetterSinks", e);
        }
    }
}
