package se.vardnav.console.health;

/** What happened in a time window: exchanges or calls, how many of them failed, and the time they took. */
public record Activity(long calls, long failures, long totalMillis) {
    public static final Activity NONE = new Activity(0, 0, 0);

    public Activity plus(Activity other) {
        return new Activity(calls + other.calls, failures + other.failures, totalMillis + other.totalMillis);
    }

    /** Failures as a share of all calls, 0..1 (0 when there were none). */
    public double errorRate() {
        return calls == 0 ? 0 : (double) failures / calls;
    }

    public long meanMillis() {
        return calls == 0 ? 0 : totalMillis / calls;
    }
}
