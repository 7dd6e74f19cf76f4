package se.vardnav.support;

import se.vardnav.VardnavApplication;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The hub as a process of its own (the test's classpath, {@link VardnavApplication}), so that a test can kill it
 * as an operating system would: {@link #kill()} is SIGKILL (no shutdown hook, nothing flushed), {@link #stop()} is
 * SIGTERM (Spring's graceful shutdown). Its console goes to a file, appended across restarts.
 */
public final class HubChild {
    private final Process process;

    private HubChild(Process process) {
        this.process = process;
    }

    /** Starts the hub with these arguments ({@code --key=value}) and returns at once; it is ready when MLLP answers. */
    public static HubChild start(List<String> args, Path console) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-XX:TieredStopAtLevel=1", "-cp", classPath(), VardnavApplication.class.getName()));
        cmd.addAll(args);
        Process p = new ProcessBuilder(cmd).directory(Path.of(System.getProperty("user.dir")).toFile())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(console.toFile())).start();
        return new HubChild(p);
    }

    /**
     * The test JVM's class path without blank entries: the forked test JVM's ends in a separator, which a child would read
     * as its working directory (the project folder) and so find {@code routes/} twice, once there and once in the classes.
     */
    public static String classPath() {
        return java.util.Arrays.stream(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
                .map(String::strip).filter(e -> !e.isEmpty() && !e.equals("."))
                .collect(java.util.stream.Collectors.joining(java.io.File.pathSeparator));
    }

    /** SIGKILL, and waits until the process is gone; returns when it was gone (an answer after that is the next hub's). */
    public Instant kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
        return Instant.now();
    }

    /** SIGTERM: the hub shuts down as on a service stop; false if it had not ended within the time. */
    public boolean stop(long seconds) throws InterruptedException {
        process.destroy();
        boolean ended = process.waitFor(seconds, TimeUnit.SECONDS);
        if (!ended) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
        return ended;
    }

    /**
     * SIGTERM, then waits for the process to end by itself (at most {@code max}; SIGKILL after that). Returns how long
     * it took from the signal to the end, so a test can print it and hold it against the hub's configured bound.
     */
    public Duration terminate(Duration max) throws InterruptedException {
        long began = System.nanoTime();
        process.destroy();
        boolean ended = process.waitFor(max.toMillis(), TimeUnit.MILLISECONDS);
        Duration took = Duration.ofNanos(System.nanoTime() - began);
        if (!ended) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
            throw new IllegalStateException("the hub had not ended " + max + " after SIGTERM; killed");
        }
        return took;
    }

    /** The exit code once ended (143 = ended by SIGTERM through the JVM's shutdown hooks). */
    public int exitValue() {
        return process.exitValue();
    }

    public boolean alive() {
        return process.isAlive();
    }
}
