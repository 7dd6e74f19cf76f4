package se.vardnav.sim.platform;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import org.hl7.fhir.instance.model.api.IBaseResource;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * What a standard FHIR server (HAPI JPA) does with searches: the result of a search is kept and served again for
 * an identical search within a minute, so a resource created meanwhile is not found. A request with
 * {@code Cache-Control: no-cache} is searched afresh (and its result kept for the next identical one).
 */
final class SearchCache {
    private record Entry(List<? extends IBaseResource> found, long at) {}

    private final Map<String, Entry> results = new ConcurrentHashMap<>();
    private volatile Duration ttl = Duration.ofSeconds(60);

    void setTtl(Duration ttl) {
        this.ttl = ttl;
    }

    @SuppressWarnings("unchecked")
    <T extends IBaseResource> List<T> search(RequestDetails request, Supplier<List<T>> search) {
        String key = key(request);
        long now = System.nanoTime();
        Entry cached = results.get(key);
        if (cached != null && !noCache(request) && now - cached.at() < ttl.toNanos()) {
            return ((List<T>) cached.found()).stream().map(r -> (T) copy(r)).toList();
        }
        List<T> found = search.get();
        results.put(key, new Entry(found.stream().map(r -> (T) copy(r)).toList(), now));
        return found;
    }

    void clear() {
        results.clear();
    }

    private static IBaseResource copy(IBaseResource r) {
        return r instanceof org.hl7.fhir.r4.model.Resource resource ? resource.copy() : r;
    }

    private static boolean noCache(RequestDetails request) {
        List<String> values = request.getHeaders("Cache-Control");
        return values != null && values.stream().anyMatch(v -> v.toLowerCase(java.util.Locale.ROOT).contains("no-cache"));
    }

    /** The resource type and the search's parameters in a fixed order: the same search is the same key. */
    private static String key(RequestDetails request) {
        Map<String, String> sorted = new TreeMap<>();
        request.getParameters().forEach((name, values) -> sorted.put(name, String.join(",", Arrays.stream(values).sorted().toList())));
        return request.getResourceName() + "?" + sorted;
    }
}
