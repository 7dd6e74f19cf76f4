package se.vardnav.sim.sms;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/** What the simulated gateway has received, and its fault controls. */
final class SmsSimState {
    private final List<ReceivedSms> received = new CopyOnWriteArrayList<>();
    private volatile Duration delay = Duration.ZERO;
    private volatile Predicate<String> refused = to -> false;
    /** null: no automatic reports; otherwise whether they say delivered. */
    private volatile Boolean autoReport;
    /** Bumped by reset(): a request delayed across a reset must not land in the next test's log. */
    private volatile int generation;
    private int failCount;
    private int failStatus;

    void setDelay(Duration d) {
        delay = d == null ? Duration.ZERO : d;
    }

    void pause() {
        long millis = delay.toMillis();
        if (millis <= 0) {
            return;
        }
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    int generation() {
        return generation;
    }

    synchronized void failNext(int count, int status) {
        failCount = count;
        failStatus = status;
    }

    /** The injected status for this request, or 0. */
    synchronized int takeFailure() {
        if (failCount <= 0) {
            return 0;
        }
        failCount--;
        return failStatus;
    }

    void refuseNumbers(Predicate<String> p) {
        refused = p == null ? to -> false : p;
    }

    boolean isRefused(String to) {
        return refused.test(to);
    }

    void autoReport(Boolean delivered) {
        autoReport = delivered;
    }

    Boolean autoReport() {
        return autoReport;
    }

    static String newId() {
        return "s" + UUID.randomUUID().toString().replace("-", "");
    }

    void record(ReceivedSms sms) {
        received.add(sms);
    }

    List<ReceivedSms> received() {
        return List.copyOf(received);
    }

    Optional<ReceivedSms> find(String id) {
        return received.stream().filter(r -> r.id().equals(id)).findFirst();
    }

    void reset() {
        generation++;
        received.clear();
        synchronized (this) {
            failCount = 0;
        }
        delay = Duration.ZERO;
        refused = to -> false;
        autoReport = null;
    }
}
