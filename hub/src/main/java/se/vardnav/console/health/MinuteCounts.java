package se.vardnav.console.health;

/**
 * Counts per minute over the last hour: calls, failures and time spent, so the console can say what happened in
 * the last 5 and 60 minutes without keeping every event. Minutes are the hub clock's, so tests can move them.
 */
final class MinuteCounts {
    static final int MINUTES = 61;
    private final long[] minute = new long[MINUTES];
    private final long[] calls = new long[MINUTES];
    private final long[] failures = new long[MINUTES];
    private final long[] millis = new long[MINUTES];

    synchronized void add(long epochMinute, boolean failed, long elapsedMillis) {
        int i = slot(epochMinute);
        calls[i]++;
        if (failed) {
            failures[i]++;
        }
        millis[i] += Math.max(0, elapsedMillis);
    }

    /** The last {@code minutes} minutes up to and including {@code nowMinute}. */
    synchronized Activity last(long nowMinute, int minutes) {
        long c = 0;
        long f = 0;
        long t = 0;
        for (long m = nowMinute - Math.min(minutes, MINUTES) + 1; m <= nowMinute; m++) {
            int i = Math.floorMod(m, MINUTES);
            if (minute[i] == m) {
                c += calls[i];
                f += failures[i];
                t += millis[i];
            }
        }
        return new Activity(c, f, t);
    }

    private int slot(long epochMinute) {
        int i = Math.floorMod(epochMinute, MINUTES);
        if (minute[i] != epochMinute) {
            minute[i] = epochMinute;
            calls[i] = 0;
            failures[i] = 0;
            millis[i] = 0;
        }
        return i;
    }
}
