package se.vardnav.durability;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.function.IntConsumer;

/**
 * The last bound on a shutdown: when the JVM begins to exit (SIGTERM), a daemon thread halts it if it is still alive
 * after the deadline. The graceful phases are bounded (vardnav.shutdown-timeout), but closing a connection is not: a
 * broker client told to reconnect without limit ({@code reconnectAttempts=-1}) waits for a broker that is gone, and a
 * service manager or a rolling restart would wait with it. Halting is safe because every acknowledgement the hub gave
 * is already on disk (it survives kill -9); what was not acknowledged, the sender sends again. A zero deadline turns
 * it off (the tests' in-process hubs, which close without the JVM exiting).
 */
public class ShutdownDeadline {
    /** Exit status of a halted shutdown: neither 0 nor 143, so a supervisor can tell it from a clean stop. */
    static final int HALTED = 70;
    private static final Logger log = LoggerFactory.getLogger(ShutdownDeadline.class);
    private final Duration deadline;
    private final IntConsumer halt;

    public ShutdownDeadline(Duration deadline) {
        this(deadline, status -> Runtime.getRuntime().halt(status));
    }

    ShutdownDeadline(Duration deadline, IntConsumer halt) {
        this.deadline = deadline;
        this.halt = halt;
    }

    /** Arms the deadline for the JVM's exit; does nothing when it is zero. */
    public void arm() {
        if (!deadline.isZero() && !deadline.isNegative()) {
            // the hook returns at once (the JVM waits for hooks, not for daemon threads)
            Runtime.getRuntime().addShutdownHook(new Thread(this::watch, "vardnav-shutdown-deadline-hook"));
        }
    }

    /** Starts the daemon thread that halts the JVM once the deadline has passed. */
    Thread watch() {
        Thread watch = new Thread(() -> {
            try {
                Thread.sleep(deadline.toMillis()); // a deadline, not a wait for a result
            } catch (InterruptedException e) {
                return;
            }
            String line = "Shutdown still running " + deadline + " after it began (vardnav.shutdown-deadline): halting;"
                    + " what was acknowledged is on disk";
            log.warn(line);
            System.err.println(line); // the logging system may have closed already
            halt.accept(HALTED);
        }, "vardnav-shutdown-deadline");
        watch.setDaemon(true); // a shutdown that finishes in time ends the JVM without waiting for this
        watch.start();
        return watch;
    }
}
