package se.vardnav.sim.platform;

import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.PreconditionFailedException;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Identifier;
import se.vardnav.fhir.Fhir;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/** Store and fault controls of the simulated platform. Writes are serialised so a conditional update is atomic. */
final class PlatformState {
    record Stored(Appointment appointment, boolean created) {}

    private record Rejection(Predicate<Appointment> when, int status, String reason) {}

    private final Map<String, Appointment> store = new ConcurrentHashMap<>();
    /** system|value of every identifier → logical id: conditional updates stay O(1) with many bookings. */
    private final Map<String, String> byIdentifier = new ConcurrentHashMap<>();
    private final List<PlatformWrite> writes = java.util.Collections.synchronizedList(new ArrayList<>());
    private final List<Rejection> rejections = new CopyOnWriteArrayList<>();
    private final AtomicLong nextId = new AtomicLong(1);
    private final Object writeLock = new Object();
    private volatile Duration delay = Duration.ZERO;
    private volatile Duration storeTimePerMegabyte = Duration.ZERO;
    private int failCount;
    private int failStatus;
    private int letterFailCount;
    private int letterFailStatus;
    private int communicationFailCount;
    private int communicationFailStatus;

    void setDelay(Duration d) {
        delay = d == null ? Duration.ZERO : d;
    }

    synchronized void failNext(int count, int status) {
        failCount = count;
        failStatus = status;
    }

    synchronized void failNextLetterWrites(int count, int status) {
        letterFailCount = count;
        letterFailStatus = status;
    }

    synchronized void failNextCommunicationWrites(int count, int status) {
        communicationFailCount = count;
        communicationFailStatus = status;
    }

    void setStoreTimePerMegabyte(Duration d) {
        storeTimePerMegabyte = d == null ? Duration.ZERO : d;
    }

    /**
     * A letter's write (Binary or Communication) of {@code bytes} of content: the delay, the injected failures,
     * then the time a server takes to store that much (a standard server took 7.9 s for 80 MB).
     */
    void beforeLetterWrite(long bytes, boolean communication) {
        sleep();
        int status = 0;
        synchronized (this) {
            if (communication && communicationFailCount > 0) {
                communicationFailCount--;
                status = communicationFailStatus;
            } else if (letterFailCount > 0) {
                letterFailCount--;
                status = letterFailStatus;
            }
        }
        if (status != 0) {
            throw BaseServerResponseException.newInstance(status, "Simulated failure (HTTP " + status + ")");
        }
        sleep(Duration.ofNanos((long) (storeTimePerMegabyte.toNanos() * (bytes / (1024.0 * 1024.0)))));
    }

    void rejectWhen(Predicate<Appointment> when, int status, String reason) {
        rejections.add(new Rejection(when, status, reason));
    }

    void reset() {
        synchronized (writeLock) {
            store.clear();
            byIdentifier.clear();
            writes.clear();
            rejections.clear();
            nextId.set(1);
        }
        synchronized (this) {
            failCount = 0;
            letterFailCount = 0;
            communicationFailCount = 0;
        }
        delay = Duration.ZERO;
        storeTimePerMegabyte = Duration.ZERO;
    }

    void beforeRead() {
        sleep();
    }

    /** Delay, then the injected failures, then the content rules: the order a real platform would fail in. */
    void beforeWrite(Appointment incoming) {
        sleep();
        int status = 0;
        synchronized (this) {
            if (failCount > 0) {
                failCount--;
                status = failStatus;
            }
        }
        if (status != 0) {
            throw BaseServerResponseException.newInstance(status, "Simulated failure (HTTP " + status + ")");
        }
        for (Rejection r : rejections) {
            if (r.when().test(incoming)) {
                throw BaseServerResponseException.newInstance(r.status(), r.reason());
            }
        }
    }

    Stored upsertById(String id, Appointment incoming, Instant received) {
        synchronized (writeLock) {
            return put(id, incoming, received);
        }
    }

    Stored upsertByIdentifier(String system, String value, Appointment incoming, Instant received) {
        synchronized (writeLock) {
            List<Appointment> matches = search(system, value);
            if (matches.size() > 1) {
                throw new PreconditionFailedException("conditional update matched " + matches.size() + " resources");
            }
            return put(matches.isEmpty() ? null : matches.get(0).getIdElement().getIdPart(), incoming, received);
        }
    }

    private Stored put(String id, Appointment incoming, Instant received) {
        String key = id;
        while (key == null || (id == null && store.containsKey(key))) {
            key = String.valueOf(nextId.getAndIncrement()); // skip ids a client chose with update-as-create
        }
        Appointment previous = store.get(key);
        int version = previous == null ? 1 : Integer.parseInt(previous.getMeta().getVersionId()) + 1;
        Appointment copy = incoming.copy();
        copy.setId(new IdType("Appointment", key, String.valueOf(version)));
        copy.getMeta().setVersionId(String.valueOf(version)).setLastUpdated(Date.from(received));
        store.put(key, copy);
        for (Identifier i : copy.getIdentifier()) {
            byIdentifier.put(i.getSystem() + "|" + i.getValue(), key);
        }
        writes.add(new PlatformWrite(bookingId(copy), previous == null ? 201 : 200, received,
                (copy.hasStatus() ? copy.getStatus().toCode() : "") + "@" + (copy.hasStart() ? copy.getStart().toInstant() : "")));
        return new Stored(copy.copy(), previous == null);
    }

    Appointment read(String id) {
        Appointment a = store.get(id);
        return a == null ? null : a.copy();
    }

    /** Token search: a null system matches any system, as FHIR's identifier=|value and identifier=value differ little here. */
    List<Appointment> search(String system, String value) {
        if (system != null && !system.isEmpty()) {
            String id = byIdentifier.get(system + "|" + value);
            Appointment a = id == null ? null : store.get(id);
            return a == null ? List.of() : List.of(a.copy());
        }
        return all().stream().filter(a -> a.getIdentifier().stream().anyMatch(i ->
                (system == null || system.isEmpty() || system.equals(i.getSystem())) && value != null
                        && value.equals(i.getValue()))).toList();
    }

    List<Appointment> all() {
        List<Appointment> list = new ArrayList<>();
        store.values().forEach(a -> list.add(a.copy()));
        list.sort(Comparator.comparingLong((Appointment a) -> numeric(a.getIdElement().getIdPart()))
                .thenComparing(a -> a.getIdElement().getIdPart()));
        return list;
    }

    List<PlatformWrite> writes() {
        synchronized (writes) {
            return List.copyOf(writes);
        }
    }

    static String bookingId(Appointment a) {
        return a.getIdentifier().stream().filter(i -> Fhir.JOURNAL_BOOKING_ID.equals(i.getSystem()))
                .map(Identifier::getValue).findFirst().orElse(null);
    }

    private static long numeric(String id) {
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }

    private void sleep() {
        sleep(delay);
    }

    private static void sleep(Duration d) {
        if (!d.isZero() && !d.isNegative()) {
            try {
                Thread.sleep(d.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
