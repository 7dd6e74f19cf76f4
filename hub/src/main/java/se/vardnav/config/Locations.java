package se.vardnav.config;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.core.io.support.ResourcePatternResolver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Where the hub reads a file it ships a default of (templates, ConceptMaps, conformance resources, the demo key):
 * {@code classpath:…} is the copy in the jar, {@code file:…} or a plain path is a file of the region's own
 * (a plain path is relative to the working directory, as before the defaults moved into the jar).
 */
public final class Locations {
    // the hub's own class loader, not the thread's: a first call on a web request thread would otherwise pin a
    // Tomcat web-app loader that refuses to load anything once that server stops (seen with several contexts per JVM)
    private static final ResourcePatternResolver RESOLVER = new PathMatchingResourcePatternResolver(Locations.class.getClassLoader());

    private Locations() {
    }

    /** The location with a scheme: a plain path becomes {@code file:path}. */
    public static String normalise(String location) {
        String l = location.strip();
        return hasScheme(l) ? l : "file:" + l;
    }

    /** {@code classpath:}, {@code classpath*:}, {@code file:} or a URL scheme ({@code http:}, {@code jar:}). */
    public static boolean hasScheme(String location) {
        return location.matches("^(classpath\\*?|[a-zA-Z][a-zA-Z0-9+.-]+):.*");
    }

    public static Resource resource(String location) {
        return RESOLVER.getResource(normalise(location));
    }

    /** The files in a folder matching {@code pattern} (e.g. {@code *.json}), sorted by name; none if the folder is not there. */
    public static List<Resource> files(String folder, String pattern) {
        String base = normalise(folder);
        base = base.endsWith("/") ? base : base + "/";
        try {
            return Arrays.stream(RESOLVER.getResources(base + pattern)).filter(Resource::isReadable)
                    .sorted(Comparator.comparing(r -> String.valueOf(r.getFilename()))).toList();
        } catch (java.io.FileNotFoundException notThere) {
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + base + pattern, e);
        }
    }
}
