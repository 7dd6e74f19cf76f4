package se.vardnav.console.print;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Merged print PDFs made by "print and mark handled" in the console, kept for a short while under an unguessable
 * token so the browser's PDF viewer can open (and reopen) the job. Jobs older than {@link #KEEP} are deleted
 * (wall-clock time: a file's life does not follow the hub's business clock).
 */
public class PrintJobs {
    static final Duration KEEP = Duration.ofMinutes(15);
    private static final SecureRandom RANDOM = new SecureRandom();
    private final Map<String, Job> jobs = new ConcurrentHashMap<>();

    public record Job(String token, Path file, List<Long> ids, Instant madeAt) {}

    public Job keep(Path file, List<Long> ids) {
        expire();
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        Job job = new Job(HexFormat.of().formatHex(bytes), file, List.copyOf(ids), Instant.now());
        jobs.put(job.token(), job);
        return job;
    }

    public Optional<Job> find(String token) {
        expire();
        return Optional.ofNullable(token == null ? null : jobs.get(token));
    }

    private void expire() {
        Instant limit = Instant.now().minus(KEEP);
        jobs.values().removeIf(j -> {
            if (j.madeAt().isBefore(limit)) {
                try {
                    Files.deleteIfExists(j.file());
                } catch (IOException e) {
                    // the temp directory is cleaned by the system
                }
                return true;
            }
            return false;
        });
    }
}
